using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FlowerPower.Cloud.Diagnostics;
using FlowerPower.Cloud.Errors;
using FlowerPower.Cloud.Resilience;

namespace FlowerPower.Cloud.Api;

/// <summary>
/// Reads an answer once: an error status or a non-empty <c>errors</c> array becomes the typed
/// <see cref="FlowerPowerApiException"/>; a body that is not the expected JSON becomes
/// <see cref="FlowerPowerResponseException"/> with the start of the body, secrets masked.
/// </summary>
internal sealed class ResponseReader
{
    private const int MaxBodyBytes = 64 * 1024 * 1024;
    private const int PreviewChars = 300;

    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _timeProvider;

    public ResponseReader(SecretRedactor redactor, TimeProvider timeProvider)
    {
        _redactor = redactor;
        _timeProvider = timeProvider;
    }

    public async Task<T> ReadAsync<T>(
        string operation, HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : FlowerPowerModel
    {
        using (response)
        {
            var attempts = ResilienceHandler.GetAttempts(response.RequestMessage);
            if (!response.IsSuccessStatusCode)
            {
                var bytes = await ReadErrorBodyAsync(operation, response, attempts, cancellationToken).ConfigureAwait(false);
                var body = ErrorBodyParser.Parse(bytes);
                throw ApiErrorMapper.Create(
                    operation,
                    response.StatusCode,
                    body,
                    RetryAfterHeader.Read(response, _timeProvider),
                    attempts,
                    body.IsJson ? null : Preview(bytes),
                    _redactor.Redact);
            }

            T? result;
            PreviewingReadStream? stream = null;
            try
            {
                stream = new PreviewingReadStream(
                    await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), PreviewChars * 4, MaxBodyBytes);
                await using (stream.ConfigureAwait(false))
                {
                    result = await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (JsonException exception)
            {
                throw Unreadable(operation, response, attempts, Describe(exception), Preview(stream!.Preview), exception);
            }
            catch (BodyTooLargeException exception)
            {
                throw Unreadable(operation, response, attempts, exception.Message, Preview(stream!.Preview), exception);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException)
            {
                throw BrokenBody(operation, attempts, exception);
            }

            if (result is null)
            {
                throw Unreadable(operation, response, attempts, "the body is JSON null", "null", null);
            }

            if (result is FlowerPowerResponse { Errors.Count: > 0 } failed)
            {
                throw ApiErrorMapper.Create(
                    operation,
                    response.StatusCode,
                    new ErrorBody(failed.Errors, failed.ServerIdentifier, null, null, IsJson: true),
                    RetryAfterHeader.Read(response, _timeProvider),
                    attempts,
                    null,
                    _redactor.Redact);
            }

            return result;
        }
    }

    private static async Task<byte[]> ReadErrorBodyAsync(string operation, HttpResponseMessage response, int? attempts, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                // An error body is read for its message only: the first 64 KB say all there is to say.
                var buffer = new byte[64 * 1024];
                var length = 0;
                int read;
                while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                }

                return buffer[..length];
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw BrokenBody(operation, attempts, exception);
        }
    }

    private static FlowerPowerTransportException BrokenBody(string operation, int? attempts, Exception exception) =>
        new($"{operation} failed: the connection broke while the body was read ({exception.Message})", exception)
        {
            Operation = operation,
            Attempts = attempts,
        };

    private FlowerPowerResponseException Unreadable(
        string operation, HttpResponseMessage response, int? attempts, string reason, string? preview, Exception? inner)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var message = $"{operation} failed: the answer could not be read ({reason}) [HTTP {(int)response.StatusCode} {response.StatusCode}"
                      + (mediaType is null ? string.Empty : $", {mediaType}") + "]"
                      + (string.IsNullOrEmpty(preview) ? ". The body is empty." : $". The body starts: {preview}");
        return new FlowerPowerResponseException(_redactor.Redact(message), inner)
        {
            Operation = operation,
            Attempts = attempts,
            StatusCode = response.StatusCode,
            ContentType = mediaType,
            BodyPreview = preview,
        };
    }

    private string? Preview(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, PreviewChars * 4)]);
        if (text.Length > PreviewChars)
        {
            text = text[..PreviewChars] + "...";
        }

        var flat = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            flat.Append(char.IsControl(c) ? ' ' : c);
        }

        return _redactor.Redact(flat.ToString().Trim());
    }

    private static string Describe(JsonException exception) =>
        exception.Path is { Length: > 0 } path
            ? $"invalid JSON at {path}, line {exception.LineNumber + 1}: {FirstSentence(exception.Message)}"
            : $"invalid JSON: {FirstSentence(exception.Message)}";

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
