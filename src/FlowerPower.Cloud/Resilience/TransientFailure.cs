using System.Net;
using FlowerPower.Cloud.Api;
using Polly.Timeout;

namespace FlowerPower.Cloud.Resilience;

/// <summary>Which failures of an attempt may pass if tried again. An attempt is the request and the reading of its answer.</summary>
internal static class TransientFailure
{
    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    public static bool IsServerFailure(HttpStatusCode status) => (int)status >= 500;

    /// <summary>
    /// The request or its answer was lost on the way: no connection, no answer in time, a connection that broke
    /// while the body was read, or a JSON body that ends before its last value closes.
    /// </summary>
    public static bool IsTransportFailure(Exception? exception) =>
        exception is HttpRequestException or TimeoutRejectedException or IOException
            or AnswerFailure { Kind: AnswerFailureKind.ConnectionBroken or AnswerFailureKind.Truncated };

    /// <summary>Resource calls (all idempotent reads): transport failures, 408, 429 and the transient 5xx.</summary>
    public static bool ForResource(Exception? exception) =>
        IsTransportFailure(exception) ||
        exception is AnswerFailure { Kind: AnswerFailureKind.Refused } refused && IsTransientStatus(refused.StatusCode);

    /// <summary>Token requests: transport failures and 5xx only; a 4xx is an answer, never retried.</summary>
    public static bool ForToken(Exception? exception) =>
        IsTransportFailure(exception) ||
        exception is AnswerFailure { Kind: AnswerFailureKind.Refused } refused && IsServerFailure(refused.StatusCode);

    /// <summary>What trips the circuit breaker: the server failing, not the caller being throttled.</summary>
    public static bool ForBreaker(Exception? exception) =>
        IsTransportFailure(exception) ||
        exception is AnswerFailure { Kind: AnswerFailureKind.Refused } refused && IsServerFailure(refused.StatusCode);

    public static string Describe(Exception? exception) => exception switch
    {
        null => "no failure",
        TimeoutRejectedException => "attempt timed out",
        AnswerFailure { Kind: AnswerFailureKind.Refused } refused => $"HTTP {(int)refused.StatusCode}",
        AnswerFailure { Kind: AnswerFailureKind.Truncated } => "body cut off",
        AnswerFailure { Kind: AnswerFailureKind.ConnectionBroken } => "connection broke during the body",
        AnswerFailure => "unreadable body",
        _ => exception.GetType().Name,
    };
}
