using System.Globalization;
using System.Runtime.ExceptionServices;
using FlowerPower.Cloud.Api;
using FlowerPower.Cloud.Diagnostics;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace FlowerPower.Cloud.Errors;

/// <summary>
/// The one place where a failed call becomes what its caller catches, from what the pipeline knows: the operation,
/// how many requests were sent (replays after a 401 included), and the last failure (an answer that was not a
/// model, with its status and body preview; a timeout; an open breaker; a transport failure). The caller's own
/// cancellation stays an <see cref="OperationCanceledException"/>; the SDK's own exceptions pass through; anything
/// else becomes a <see cref="FlowerPowerException"/>, so no untyped exception ever reaches a caller.
/// </summary>
internal sealed class FailureTranslator(SecretRedactor redactor)
{
    public Exception Translate(string operation, int attempts, Exception failure, CancellationToken cancellationToken)
    {
        var tries = attempts == 1 ? "1 attempt" : string.Create(CultureInfo.InvariantCulture, $"{attempts} attempts");
        int? sent = attempts > 0 ? attempts : null;
        switch (failure)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
            case FlowerPowerException:
                ExceptionDispatchInfo.Throw(failure);
                return failure;
            case AnswerFailure { Kind: AnswerFailureKind.Refused } refused:
                return ApiErrorMapper.Create(
                    operation, refused.StatusCode, refused.Body, refused.RetryAfter, sent, refused.Preview, redactor.Redact);
            case AnswerFailure { Kind: AnswerFailureKind.ConnectionBroken } broken:
                return new FlowerPowerTransportException($"{operation} failed: {broken.Reason} ({tries})", broken.InnerException)
                {
                    Operation = operation,
                    Attempts = sent,
                };
            case AnswerFailure unreadable:
                return Unreadable(operation, sent, unreadable);
            case TimeoutRejectedException timeout:
                return Transport(operation, sent, $"the server did not answer within {timeout.Timeout} ({tries})", failure, isTimeout: true);
            case BrokenCircuitException broken:
                return new FlowerPowerTransportException(
                    $"{operation} failed: the circuit breaker is open after repeated failures, so the request was not sent" +
                    (broken.RetryAfter is { } after ? $"; try again in {after}" : string.Empty) + (attempts > 0 ? $" ({tries})" : string.Empty),
                    failure)
                {
                    Operation = operation,
                    Attempts = sent,
                    IsCircuitOpen = true,
                };
            case HttpRequestException or IOException:
                return Transport(operation, sent, $"the server could not be reached, or the connection broke: {redactor.Redact(Describe(failure))} ({tries})", failure, isTimeout: false);
            case OperationCanceledException:
                return Transport(operation, sent, $"the request was abandoned before an answer came ({tries})", failure, isTimeout: true);
            default:
                return new FlowerPowerException(
                    $"{operation} failed unexpectedly ({failure.GetType().Name}: {redactor.Redact(failure.Message)}) ({tries})", failure)
                {
                    Operation = operation,
                    Attempts = sent,
                };
        }
    }

    /// <summary>The exception's message and its cause's, which says what happened on the socket.</summary>
    private static string Describe(Exception failure) =>
        failure.InnerException is { } inner && inner.Message != failure.Message
            ? $"{failure.Message.TrimEnd('.')} ({inner.Message.TrimEnd('.')})"
            : failure.Message;

    private static FlowerPowerTransportException Transport(string operation, int? attempts, string reason, Exception failure, bool isTimeout) =>
        new($"{operation} failed: {reason}", failure)
        {
            Operation = operation,
            Attempts = attempts,
            IsTimeout = isTimeout,
        };

    private FlowerPowerResponseException Unreadable(string operation, int? attempts, AnswerFailure failure)
    {
        var status = failure.StatusCode;
        var details = string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)status} {status}")
                      + (failure.ContentType is null ? string.Empty : $", {failure.ContentType}")
                      + (attempts is int count ? (count == 1 ? ", 1 attempt" : $", {count} attempts") : string.Empty);
        var message = $"{operation} failed: the answer could not be read ({failure.Reason}) [{details}]"
                      + (!string.IsNullOrEmpty(failure.Preview) ? $". The body starts: {failure.Preview}"
                          : failure.BodyIsEmpty ? ". The body is empty."
                          : ".");
        return new FlowerPowerResponseException(redactor.Redact(message), failure.InnerException)
        {
            Operation = operation,
            Attempts = attempts,
            StatusCode = status,
            ContentType = failure.ContentType,
            BodyPreview = failure.Preview,
        };
    }
}
