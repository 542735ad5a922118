using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowerPower.Cloud.Api;

/// <summary>
/// Reads the timestamps the cloud sent: ISO 8601 with <c>Z</c> or an offset, and the zone-less forms
/// ("2019-01-01 12:00:00", with or without fractions), which the cloud meant as UTC.
/// </summary>
internal sealed class FlexibleDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    private const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a timestamp string but found {reader.TokenType}.");
        }

        if (reader.TryGetDateTimeOffset(out var iso))
        {
            return iso;
        }

        var text = reader.GetString();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out var parsed))
        {
            return parsed;
        }

        throw new JsonException($"Expected a timestamp but found a string of {text?.Length ?? 0} characters that is not one.");
    }

    /// <summary>Writes the wire's own form: UTC with <c>Z</c>, fractions only when there are some.</summary>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString(
            value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
