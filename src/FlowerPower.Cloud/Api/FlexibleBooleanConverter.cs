using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowerPower.Cloud.Api;

/// <summary>Reads a <see cref="bool"/> sent as true/false, as "true"/"false" or as 1/0.</summary>
internal sealed class FlexibleBooleanConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number when reader.TryGetInt64(out var number) && number is 0 or 1:
                return number == 1;
            case JsonTokenType.String:
                var text = reader.GetString();
                if (bool.TryParse(text, out var parsed))
                {
                    return parsed;
                }

                if (text is "0" or "1")
                {
                    return text == "1";
                }

                break;
        }

        throw new JsonException($"Expected true or false but found {reader.TokenType}.");
    }

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) =>
        writer.WriteBooleanValue(value);
}
