
namespace FlowerPower.Cloud.Wire.Writers;

/// <summary>
/// Writes a resource error: the envelope every resource answer carries, with one element in <c>errors</c>. Used by
/// every endpoint and by the guard (bad token, injected 5200), so no error body carries another endpoint's payload.
/// </summary>
internal static class ErrorWriter
{
    public static string Write(CloudVersions versions, int code, string message) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.Envelope(versions, e =>
        {
            e.WriteStartObject();
            e.WriteNumber("error_code", code);
            e.WriteString("error_message", message);
            e.WriteEndObject();
        });
        w.WriteEndObject();
    });
}
