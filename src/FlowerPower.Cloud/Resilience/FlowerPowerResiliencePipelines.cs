using FlowerPower.Cloud.Diagnostics;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace FlowerPower.Cloud.Resilience;

/// <summary>
/// Builds the Polly pipelines, outermost first: the whole call's timeout, retries with exponential backoff, jitter
/// and <c>Retry-After</c>, the circuit breaker (resource calls only), and the per-attempt timeout.
/// </summary>
internal static class FlowerPowerResiliencePipelines
{
    public static ResiliencePipeline<HttpResponseMessage> CreateResource(
        FlowerPowerClientOptions options, TimeProvider timeProvider, ILogger logger) =>
        Create(options, timeProvider, logger, TransientFailure.ForResource, withBreaker: options.Retry.EnableCircuitBreaker);

    public static ResiliencePipeline<HttpResponseMessage> CreateToken(
        FlowerPowerClientOptions options, TimeProvider timeProvider, ILogger logger) =>
        Create(options, timeProvider, logger, TransientFailure.ForToken, withBreaker: false);

    private static ResiliencePipeline<HttpResponseMessage> Create(
        FlowerPowerClientOptions options,
        TimeProvider timeProvider,
        ILogger logger,
        Func<Outcome<HttpResponseMessage>, bool> shouldRetry,
        bool withBreaker)
    {
        var retry = options.Retry;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (options.Timeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(options.Timeout);
        }

        if (retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = retry.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.Delay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => new ValueTask<bool>(shouldRetry(args.Outcome)),
                DelayGenerator = args =>
                    new ValueTask<TimeSpan?>(args.Outcome.Result is { } response &&
                                             RetryAfterHeader.Read(response, timeProvider) is TimeSpan wait
                        ? (wait > retry.MaxDelay ? retry.MaxDelay : wait)
                        : null),
                OnRetry = args =>
                {
                    var request = args.Outcome.Result?.RequestMessage;
                    Log.Retrying(
                        logger,
                        request?.Method.Method ?? "HTTP",
                        request?.RequestUri?.AbsolutePath ?? string.Empty,
                        args.AttemptNumber + 1,
                        TransientFailure.Describe(args.Outcome),
                        args.RetryDelay);
                    FlowerPowerDiagnostics.Retries.Add(1, new KeyValuePair<string, object?>("reason", TransientFailure.Describe(args.Outcome)));
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        if (withBreaker)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = retry.BreakDuration,
                ShouldHandle = args => new ValueTask<bool>(TransientFailure.ForBreaker(args.Outcome)),
                OnOpened = args =>
                {
                    Log.CircuitOpened(logger, args.BreakDuration, TransientFailure.Describe(args.Outcome));
                    return default;
                },
                OnClosed = _ =>
                {
                    Log.CircuitClosed(logger);
                    return default;
                },
            });
        }

        builder.AddTimeout(retry.AttemptTimeout);
        return builder.Build();
    }
}
