using System.Net;
using FlowerPower.Cloud.Errors;

namespace FlowerPower.Cloud.Api;

/// <summary>
/// An answer that did not become a model, with everything the reader learnt about it. Raised inside an attempt so the
/// retry rules can judge it; <see cref="FailureTranslator"/> turns the last one into the exception a caller sees.
/// </summary>
internal sealed class AnswerFailure(
    AnswerFailureKind kind, HttpStatusCode statusCode, string reason, Exception? innerException = null)
    : Exception(reason, innerException)
{
    public AnswerFailureKind Kind { get; } = kind;

    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>Why the answer was not a model, in a few words; secrets already masked.</summary>
    public string Reason { get; } = reason;

    /// <summary>The media type the server declared, if any.</summary>
    public string? ContentType { get; init; }

    /// <summary>The wait the server asked for (<c>Retry-After</c>), if any.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>What an error body said; <see cref="ErrorBody.None"/> when it said nothing readable.</summary>
    public ErrorBody Body { get; init; } = ErrorBody.None;

    /// <summary>The start of the body, secrets masked; null when there was none worth showing.</summary>
    public string? Preview { get; init; }

    /// <summary>Whether the body was read to its end and held nothing.</summary>
    public bool BodyIsEmpty { get; init; }
}
