using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowerPower.Cloud.Api;

/// <summary>Reads an <see cref="int"/> sent as an integer, a whole float or a numeric string.</summary>
internal sealed class FlexibleInt32Converter : JsonConverter<int>
{
    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        (int)WholeNumberReader.Read(ref reader, int.MinValue, int.MaxValue);

    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value);
}
