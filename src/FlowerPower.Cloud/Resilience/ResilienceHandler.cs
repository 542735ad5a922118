using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace FlowerPower.Cloud.Resilience;

/// <summary>
/// Runs every attempt of a request through a Polly pipeline. Stamps the number of attempts on the request, and
/// turns what is left of a transport failure after the retries into <see cref="FlowerPowerTransportException"/>.
/// </summary>
internal sealed class ResilienceHandler : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<int> AttemptsKey = new("FlowerPower.Attempts");

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public ResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) => _pipeline = pipeline;

    public static int? GetAttempts(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(AttemptsKey, out var attempts) ? attempts : null;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        var state = new AttemptState(this, request);
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (context, state) =>
                {
                    state.Attempts++;
                    try
                    {
                        var response = await state.Handler.SendCoreAsync(state.Request, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
                        return Outcome.FromResult(response);
                    }
                    catch (Exception exception)
                    {
                        return Outcome.FromException<HttpResponseMessage>(exception);
                    }
                },
                context,
                state).ConfigureAwait(false);

            request.Options.Set(AttemptsKey, state.Attempts);
            if (outcome.Exception is { } failure)
            {
                throw Translate(failure, state.Attempts, cancellationToken);
            }

            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private static Exception Translate(Exception failure, int attempts, CancellationToken cancellationToken)
    {
        var tries = attempts == 1 ? "1 attempt" : $"{attempts} attempts";
        return failure switch
        {
            OperationCanceledException when cancellationToken.IsCancellationRequested => failure,
            FlowerPowerException => failure,
            TimeoutRejectedException timeout => new FlowerPowerTransportException(
                $"the server did not answer within {timeout.Timeout} ({tries})", failure) { IsTimeout = true, Attempts = attempts },
            BrokenCircuitException broken => new FlowerPowerTransportException(
                $"the circuit breaker is open after repeated failures, so the request was not sent{(broken.RetryAfter is { } after ? $"; try again in {after}" : string.Empty)} ({tries})",
                failure) { IsCircuitOpen = true, Attempts = attempts },
            HttpRequestException or IOException => new FlowerPowerTransportException(
                $"the server could not be reached: {failure.Message} ({tries})", failure) { Attempts = attempts },
            OperationCanceledException => new FlowerPowerTransportException(
                $"the request was abandoned before an answer came ({tries})", failure) { IsTimeout = true, Attempts = attempts },
            _ => failure,
        };
    }

    private sealed class AttemptState(ResilienceHandler handler, HttpRequestMessage request)
    {
        public ResilienceHandler Handler { get; } = handler;

        public HttpRequestMessage Request { get; } = request;

        public int Attempts { get; set; }
    }
}
