using System.Buffers;
using System.Text;
using System.Text.Json;

namespace FlowerPower.Cloud.Wire.Writers;

/// <summary>Writes JSON by hand, field by field, in the cloud's own names: the emulator never uses the SDK's models.</summary>
internal static class JsonText
{
    public static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Timestamp(this Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } at)
        {
            writer.WriteString(name, at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void Number(this Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void Text(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>The four fields the cloud put beside every resource payload.</summary>
    public static void Envelope(this Utf8JsonWriter writer, CloudVersions versions, Action<Utf8JsonWriter>? errors = null)
    {
        writer.WriteNumber("user_config_version", versions.UserConfigVersion);
        writer.WriteNumber("garden_status_version", versions.GardenStatusVersion);
        writer.WriteStartArray("errors");
        errors?.Invoke(writer);
        writer.WriteEndArray();
        writer.WriteString("server_identifier", versions.ServerIdentifier ?? WireFormat.ServerIdentifier);
    }
}
