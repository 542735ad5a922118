using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowerPower.Cloud.Api;

/// <summary>Reads a <see cref="long"/> sent as an integer, a whole float or a numeric string.</summary>
internal sealed class FlexibleInt64Converter : JsonConverter<long>
{
    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        WholeNumberReader.Read(ref reader, long.MinValue, long.MaxValue);

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value);
}
