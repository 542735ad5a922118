using FlowerPower.Cloud.Api;
using FlowerPower.Cloud.Diagnostics;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace FlowerPower.Cloud.Resilience;

/// <summary>
/// Builds the Polly pipelines a call's attempts run through, outermost first: the whole call's timeout, retries
/// with exponential backoff, jitter and <c>Retry-After</c>, the circuit breaker (resource calls only), and the
/// per-attempt timeout. An attempt sends the request and reads its answer, so a body cut off on the way is retried
/// within the same budget and timeouts.
/// </summary>
internal static class FlowerPowerResiliencePipelines
{
    /// <summary>The operation a pipeline runs for, set on the context so the pipeline's logs can name it.</summary>
    public static readonly ResiliencePropertyKey<string> OperationKey = new("FlowerPower.Operation");

    public static ResiliencePipeline CreateResource(FlowerPowerClientOptions options, TimeProvider timeProvider, ILogger logger) =>
        Create(options, timeProvider, logger, TransientFailure.ForResource, withBreaker: options.Retry.EnableCircuitBreaker);

    public static ResiliencePipeline CreateToken(FlowerPowerClientOptions options, TimeProvider timeProvider, ILogger logger) =>
        Create(options, timeProvider, logger, TransientFailure.ForToken, withBreaker: false);

    /// <summary>A health probe's pipeline: one attempt within <paramref name="budget"/>, no retry and no circuit breaker.</summary>
    public static ResiliencePipeline CreateProbe(TimeSpan budget, TimeProvider timeProvider) =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider }.AddTimeout(budget).Build();

    private static ResiliencePipeline Create(
        FlowerPowerClientOptions options,
        TimeProvider timeProvider,
        ILogger logger,
        Func<Exception?, bool> shouldRetry,
        bool withBreaker)
    {
        var retry = options.Retry;
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.Timeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(options.Timeout);
        }

        if (retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = retry.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.Delay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => new ValueTask<bool>(shouldRetry(args.Outcome.Exception)),
                DelayGenerator = args =>
                    new ValueTask<TimeSpan?>(args.Outcome.Exception is AnswerFailure { RetryAfter: TimeSpan wait }
                        ? (wait > retry.MaxDelay ? retry.MaxDelay : wait)
                        : null),
                OnRetry = args =>
                {
                    var reason = TransientFailure.Describe(args.Outcome.Exception);
                    Log.Retrying(
                        logger,
                        args.Context.Properties.GetValue(OperationKey, "request"),
                        args.AttemptNumber + 1,
                        reason,
                        args.RetryDelay);
                    FlowerPowerDiagnostics.Retries.Add(1, new KeyValuePair<string, object?>("reason", reason));
                    return default;
                },
            });
        }

        if (withBreaker)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // A server that fails now and then is not down: only when four in five of at least twenty attempts
                // fail does the breaker stop calls (a server down for good trips it within five calls).
                FailureRatio = 0.8,
                MinimumThroughput = 20,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = retry.BreakDuration,
                ShouldHandle = args => new ValueTask<bool>(TransientFailure.ForBreaker(args.Outcome.Exception)),
                OnOpened = args =>
                {
                    Log.CircuitOpened(logger, args.BreakDuration, TransientFailure.Describe(args.Outcome.Exception));
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
