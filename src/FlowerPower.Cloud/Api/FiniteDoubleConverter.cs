using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowerPower.Cloud.Api;

/// <summary>
/// Reads a measurement sent as a number or a numeric string, and refuses what no sensor measures: a value too large
/// for a <see cref="double"/> (<c>1e400</c>) and the named non-numbers (<c>"NaN"</c>, <c>"Infinity"</c>).
/// </summary>
internal sealed class FiniteDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        double value;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetDouble(out value):
                break;
            case JsonTokenType.String when double.TryParse(
                reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value):
                break;
            case JsonTokenType.Number or JsonTokenType.String:
                throw new JsonException("Expected a number but found a value that is not one.");
            default:
                throw new JsonException($"Expected a number but found {reader.TokenType}.");
        }

        return double.IsFinite(value)
            ? value
            : throw new JsonException("Expected a finite number but found one too large to hold, or not a number.");
    }

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value);
}
