namespace FlowerPower.Cloud;

/// <summary>
/// How the client retries a call that failed for a reason that may pass: HTTP 408, 429, 500, 502, 503, 504, a lost
/// connection or an attempt that ran out of time. Other 4xx answers are never retried.
/// </summary>
public sealed class FlowerPowerRetryOptions
{
    /// <summary>Retries after the first attempt; 0 turns retries off. Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first backoff delay; later ones grow exponentially, with jitter. Default 1 second.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts, a server's <c>Retry-After</c> included. Default 30 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may take before it is abandoned (and retried). Default 30 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether a circuit breaker stops calls for <see cref="BreakDuration"/> once four in five of at least twenty attempts in
    /// 30 seconds failed, so a server that is down is not hammered. Default true.
    /// </summary>
    public bool EnableCircuitBreaker { get; set; } = true;

    /// <summary>How long the circuit breaker stays open before it lets a trial call through. Default 30 seconds.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Describes the settings.</summary>
    /// <returns>The settings as text.</returns>
    public override string ToString() =>
        $"MaxRetryAttempts = {MaxRetryAttempts}, Delay = {Delay}, MaxDelay = {MaxDelay}, AttemptTimeout = {AttemptTimeout}, EnableCircuitBreaker = {EnableCircuitBreaker}, BreakDuration = {BreakDuration}";
}
