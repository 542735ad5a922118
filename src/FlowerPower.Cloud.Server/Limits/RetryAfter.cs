namespace FlowerPower.Cloud.Server.Limits;

/// <summary>How a limit's wait is said in <c>Retry-After</c>.</summary>
internal static class RetryAfter
{
    /// <summary>A wait as <c>Retry-After</c>'s whole seconds, at least one.</summary>
    public static long Seconds(TimeSpan wait) => Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
}
