namespace FlowerPower.Cloud.Server.Storage;

/// <summary>The shape of a token bucket: how many it holds when full, and how many come back a minute.</summary>
internal readonly record struct RateBucket(int Burst, double PerMinute)
{
    /// <summary>How long until a bucket holding <paramref name="tokens"/> holds one.</summary>
    public TimeSpan UntilOne(double tokens) => tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromMinutes((1 - tokens) / Math.Max(PerMinute, 1e-9));

    /// <summary>What a bucket that held <paramref name="tokens"/> holds <paramref name="elapsed"/> later.</summary>
    public double Refill(double tokens, TimeSpan elapsed) => Math.Min(Math.Max(1, Burst), tokens + (Math.Max(0, elapsed.TotalMinutes) * PerMinute));
}
