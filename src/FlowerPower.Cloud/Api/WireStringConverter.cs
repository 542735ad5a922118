using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowerPower.Cloud.Api;

/// <summary>Reads a string-valued key into its extensible value type, keeping values the SDK does not know.</summary>
/// <typeparam name="T">The value type, such as <see cref="StatusKey"/>.</typeparam>
internal abstract class WireStringConverter<T> : JsonConverter<T>
    where T : struct
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? Create(reader.GetString()!)
            : throw new JsonException($"Expected a string for {typeof(T).Name} but found {reader.TokenType}.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());

    protected abstract T Create(string value);
}
