using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FlowerPower.Cloud.Diagnostics;
using FlowerPower.Cloud.Errors;
using FlowerPower.Cloud.Resilience;

namespace FlowerPower.Cloud.Api;

/// <summary>
/// Reads one answer, as part of the attempt that received it: the model, or an <see cref="AnswerFailure"/> saying
/// what the answer was instead (an error status or a non-empty <c>errors</c> array, a body that is not the expected
/// JSON, a body cut off on the way), with the start of the body, secrets masked before it is cut.
/// </summary>
internal sealed class ResponseReader
{
    public const int PreviewChars = 300;

    private const int MaxBodyBytes = 64 * 1024 * 1024;
    private const int MaxErrorBodyBytes = 64 * 1024;

    // Enough bytes for the preview's characters in any encoding, plus room for a secret that straddles its end.
    private const int PreviewBytes = (PreviewChars * 4) + 1024;

    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _timeProvider;

    public ResponseReader(SecretRedactor redactor, TimeProvider timeProvider)
    {
        _redactor = redactor;
        _timeProvider = timeProvider;
    }

    /// <summary>Reads the answer into <typeparamref name="T"/> and disposes it.</summary>
    /// <param name="response">The answer.</param>
    /// <param name="typeInfo">The model's JSON contract.</param>
    /// <param name="isTokenAnswer">Whether this is the token endpoint's answer: its previews are masked by shape too.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="AnswerFailure">The answer is not the model.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<T> ReadAsync<T>(
        HttpResponseMessage response, JsonTypeInfo<T> typeInfo, bool isTokenAnswer, CancellationToken cancellationToken)
        where T : FlowerPowerModel
    {
        using (response)
        {
            var status = response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (!response.IsSuccessStatusCode)
            {
                throw await RefusedAsync(response, isTokenAnswer, cancellationToken).ConfigureAwait(false);
            }

            T? result;
            var stream = new PreviewingReadStream(
                await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), PreviewBytes, MaxBodyBytes);
            try
            {
                result = await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException exception) when (EndedEarly(stream, exception))
            {
                throw Failure(AnswerFailureKind.Truncated, response, "the body ends before its JSON does: it was cut off", stream, isTokenAnswer, exception);
            }
            catch (JsonException exception)
            {
                throw Failure(AnswerFailureKind.Unreadable, response, Describe(exception), stream, isTokenAnswer, exception);
            }
            catch (BodyTooLargeException exception)
            {
                throw Failure(AnswerFailureKind.Unreadable, response, exception.Message, stream, isTokenAnswer, exception);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException)
            {
                throw new AnswerFailure(
                    AnswerFailureKind.ConnectionBroken, status, $"the connection broke while the body was read ({_redactor.Redact(exception.Message)})", exception)
                {
                    ContentType = mediaType,
                };
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A decoder that finds no gzip, deflate or brotli data where Content-Encoding promised it, and any
                // other failure to turn the bytes into text.
                throw Failure(AnswerFailureKind.Unreadable, response, Undecodable(response, exception), stream, isTokenAnswer, exception);
            }
            finally
            {
                // After the catch blocks: they read the preview, which the stream gives back to the pool.
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            if (result is null)
            {
                throw new AnswerFailure(AnswerFailureKind.Unreadable, status, "the body is JSON null") { ContentType = mediaType, Preview = "null" };
            }

            if (result is FlowerPowerResponse { ReportedErrorCount: > 0 } failed)
            {
                throw new AnswerFailure(AnswerFailureKind.Refused, status, "the body reports errors")
                {
                    ContentType = mediaType,
                    RetryAfter = RetryAfterHeader.Read(response, _timeProvider),
                    Body = new ErrorBody(failed.Errors, failed.ServerIdentifier, null, null, IsJson: true) { ReportedCount = failed.ReportedErrorCount },
                };
            }

            return result;
        }
    }

    /// <summary>An answer that is a model but not a usable one, judged by the caller of <see cref="ReadAsync{T}"/>.</summary>
    /// <param name="status">The answer's status.</param>
    /// <param name="reason">Why it cannot be used.</param>
    /// <param name="body">The answer as JSON again, for the preview; masked like any other.</param>
    /// <param name="isTokenAnswer">Whether to mask the preview by shape too.</param>
    public AnswerFailure Unusable(HttpStatusCode status, string reason, string body, bool isTokenAnswer) =>
        new(AnswerFailureKind.Unreadable, status, reason)
        {
            ContentType = "application/json",
            Preview = Preview(Encoding.UTF8.GetBytes(body), isTokenAnswer),
        };

    /// <summary>An OAuth error, or an answer with no token, in an HTTP 200 body of the token endpoint.</summary>
    public static AnswerFailure RefusedInBody(HttpStatusCode status, ErrorBody body) =>
        new(AnswerFailureKind.Refused, status, "the body reports an error") { Body = body };

    private async Task<AnswerFailure> RefusedAsync(HttpResponseMessage response, bool isTokenAnswer, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var retryAfter = RetryAfterHeader.Read(response, _timeProvider);
        byte[] bytes;
        try
        {
            bytes = await ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            // The status alone says what happened; the body that broke off adds nothing.
            return new AnswerFailure(AnswerFailureKind.Refused, status, "the server answered with an error status") { ContentType = mediaType, RetryAfter = retryAfter };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new AnswerFailure(AnswerFailureKind.Refused, status, Undecodable(response, exception))
            {
                ContentType = mediaType,
                RetryAfter = retryAfter,
            };
        }

        var body = ErrorBodyParser.Parse(bytes);
        return new AnswerFailure(AnswerFailureKind.Refused, status, "the server answered with an error status")
        {
            ContentType = mediaType,
            RetryAfter = retryAfter,
            Body = body,
            Preview = body.IsJson ? null : Preview(bytes, isTokenAnswer),
        };
    }

    private static async Task<byte[]> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // An error body is read for its message only: the first 64 KB say all there is to say.
            var buffer = new byte[MaxErrorBodyBytes];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            return buffer[..length];
        }
    }

    /// <summary>
    /// Whether the JSON reader failed where the body ended: the last value was still open when the bytes ran out.
    /// An empty body is not cut off; it is empty.
    /// </summary>
    private static bool EndedEarly(PreviewingReadStream stream, JsonException exception) =>
        stream.ReachedEnd && stream.Position > 0 &&
        exception.LineNumber == stream.Lines &&
        exception.BytePositionInLine is { } column && column >= stream.BytesInLastLine - 2;

    private AnswerFailure Failure(
        AnswerFailureKind kind, HttpResponseMessage response, string reason, PreviewingReadStream stream, bool isTokenAnswer, Exception inner) =>
        new(kind, response.StatusCode, _redactor.Redact(reason), inner)
        {
            ContentType = response.Content.Headers.ContentType?.MediaType,
            Preview = Preview(stream.Preview, isTokenAnswer),
            BodyIsEmpty = stream.ReachedEnd && stream.Position == 0,
        };

    // The runtime's automatic decompression removes Content-Encoding from the headers it decodes, so the encoding
    // is named only when the body came through undecoded.
    private static string Undecodable(HttpResponseMessage response, Exception exception)
    {
        var encoding = string.Join(", ", response.Content.Headers.ContentEncoding);
        return encoding.Length > 0
            ? $"the body could not be decoded: it is not {encoding} data, as its Content-Encoding says ({exception.GetType().Name})"
            : $"the body could not be decoded: it is not in the compression its Content-Encoding named, or it is damaged ({exception.GetType().Name})";
    }

    /// <summary>The start of a body as one line of text: secrets masked first, then cut.</summary>
    private string? Preview(ReadOnlySpan<byte> bytes, bool isTokenAnswer)
    {
        if (bytes.IsEmpty)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes);
        var flat = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            flat.Append(char.IsControl(c) ? ' ' : c);
        }

        text = flat.ToString();
        text = (isTokenAnswer ? _redactor.RedactTokenAnswer(text) : _redactor.Redact(text)).Trim();
        if (text.Length > PreviewChars)
        {
            var cut = PreviewChars;
            if (char.IsHighSurrogate(text[cut - 1]))
            {
                cut--;
            }

            text = text[..cut] + "...";
        }

        return text.Length == 0 ? null : text;
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
