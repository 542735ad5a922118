using System.Text.Json.Serialization;

namespace FlowerPower.Cloud.Api;

/// <summary>
/// The one source-generated JSON context for every payload. Property names follow the wire's snake_case; the
/// converters accept the shapes the real server sent (integers as floats or strings, timestamps with or without a
/// zone, values of keys the SDK does not know).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters =
    [
        typeof(FlexibleInt32Converter),
        typeof(FlexibleInt64Converter),
        typeof(FiniteDoubleConverter),
        typeof(FlexibleBooleanConverter),
        typeof(FlexibleDateTimeOffsetConverter),
        typeof(StatusKeyConverter),
        typeof(InstructionKeyConverter),
        typeof(SharingStatusConverter),
    ])]
[JsonSerializable(typeof(AuthenticationResponse))]
[JsonSerializable(typeof(UserProfileResponse))]
[JsonSerializable(typeof(VersionsResponse))]
[JsonSerializable(typeof(GardenConfigurationResponse))]
[JsonSerializable(typeof(GardenStatusResponse))]
[JsonSerializable(typeof(SamplesResponse))]
[JsonSerializable(typeof(SampleUpload))]
[JsonSerializable(typeof(GardenStatusUpdate))]
[JsonSerializable(typeof(Authentication.StoredTokenSet))]
internal sealed partial class FlowerPowerJsonContext : JsonSerializerContext
{
}
