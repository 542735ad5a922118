using System.Globalization;
using System.Text.Json;

namespace FlowerPower.Cloud.Errors;

/// <summary>
/// Reads the error parts of a body: the resource shape (<c>errors[]</c> with <c>error_code</c> as a number or a
/// numeric string) and the OAuth shape (<c>error</c>, <c>error_description</c>). Anything else, HTML, an empty or
/// cut-off body included, reads as "no error information" rather than failing.
/// </summary>
internal static class ErrorBodyParser
{
    public static ErrorBody Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return ErrorBody.None;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ErrorBody.None with { IsJson = true };
            }

            var errors = ReadErrors(root, out var reported);
            return new ErrorBody(
                errors,
                ReadString(root, "server_identifier"),
                ReadString(root, "error"),
                ReadString(root, "error_description"),
                IsJson: true)
            {
                ReportedCount = reported,
            };
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            return ErrorBody.None;
        }
    }

    private static List<ApiError> ReadErrors(JsonElement root, out int reported)
    {
        var errors = new List<ApiError>();
        reported = 0;
        if (!root.TryGetProperty("errors", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return errors;
        }

        foreach (var element in array.EnumerateArray())
        {
            reported++;
            if (element.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            errors.Add(element.ValueKind == JsonValueKind.Object
                ? new ApiError { ErrorCode = ReadCode(element), ErrorMessage = ReadString(element, "error_message") }
                : new ApiError { ErrorMessage = element.ValueKind == JsonValueKind.String ? SafeString(element) : element.GetRawText() });
        }

        return errors;
    }

    private static int? ReadCode(JsonElement error)
    {
        if (!error.TryGetProperty("error_code", out var code))
        {
            return null;
        }

        return code.ValueKind switch
        {
            JsonValueKind.Number when code.TryGetInt32(out var number) => number,
            JsonValueKind.Number when code.TryGetDouble(out var real) && Math.Floor(real) == real && Math.Abs(real) <= int.MaxValue => (int)real,
            JsonValueKind.String when int.TryParse(SafeString(code), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    private static string? ReadString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? SafeString(value) : null;

    /// <summary>
    /// A string's value; one that cannot be text (half a surrogate pair, escaped) is given as it was written, escapes
    /// and all, rather than failing the whole answer.
    /// </summary>
    private static string SafeString(JsonElement value)
    {
        try
        {
            return value.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            var raw = value.GetRawText();
            return raw.Length >= 2 ? raw[1..^1] : raw;
        }
    }
}
