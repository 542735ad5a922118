using System.Text.Json.Serialization;

namespace FlowerPower.Cloud.Bridge.Sync;

/// <summary>The bridge's files on disk (the garden it last saw, the spool), source-generated for Native AOT.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(GardenSnapshot))]
[JsonSerializable(typeof(SpooledUpload))]
internal sealed partial class BridgeJsonContext : JsonSerializerContext;
