using System.Net;
using Polly;
using Polly.Timeout;

namespace FlowerPower.Cloud.Resilience;

/// <summary>Which outcomes of an attempt may pass if tried again.</summary>
internal static class TransientFailure
{
    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    public static bool IsServerFailure(HttpStatusCode status) => (int)status >= 500;

    public static bool IsTransportFailure(Exception? exception) =>
        exception is HttpRequestException or TimeoutRejectedException or IOException;

    /// <summary>Resource calls: transport failures, 408, 429 and the transient 5xx.</summary>
    public static bool ForResource(Outcome<HttpResponseMessage> outcome) =>
        IsTransportFailure(outcome.Exception) ||
        (outcome.Result is { } response && IsTransientStatus(response.StatusCode));

    /// <summary>Token requests: transport failures and 5xx only; a 4xx is an answer, never retried.</summary>
    public static bool ForToken(Outcome<HttpResponseMessage> outcome) =>
        IsTransportFailure(outcome.Exception) ||
        (outcome.Result is { } response && IsServerFailure(response.StatusCode));

    /// <summary>What trips the circuit breaker: the server failing, not the caller being throttled.</summary>
    public static bool ForBreaker(Outcome<HttpResponseMessage> outcome) =>
        IsTransportFailure(outcome.Exception) ||
        (outcome.Result is { } response && IsServerFailure(response.StatusCode));

    public static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception
            ? exception is TimeoutRejectedException ? "attempt timed out" : exception.GetType().Name
            : $"HTTP {(int)outcome.Result!.StatusCode}";
}
