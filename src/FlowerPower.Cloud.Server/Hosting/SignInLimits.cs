using System.Globalization;
using System.Threading.RateLimiting;
using FlowerPower.Cloud.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FlowerPower.Cloud.Server.Hosting;

/// <summary>
/// How often the token endpoint may be tried: a token bucket per client address (ASP.NET Core's rate limiter, in front
/// of the endpoint) and one per user name (asked before a password is checked). A request over either is answered
/// 429 with <c>Retry-After</c>, before any password work, so a flood of guesses costs the server nothing and cannot
/// slow the real sign-ins of others.
/// </summary>
internal sealed class SignInLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _users;

    public SignInLimits(ServerOptions options)
    {
        Options = options;
        _users = PartitionedRateLimiter.Create<string, string>(name => RateLimitPartition.GetTokenBucketLimiter(
            name.Trim().ToLowerInvariant(), _ => Bucket(options.SignInBurstPerUser, options.SignInsPerMinutePerUser)));
    }

    public ServerOptions Options { get; }

    /// <summary>For <see cref="CloudLimits.SignInThrottle"/>: how long this user name must wait, or null.</summary>
    public TimeSpan? ThrottleUser(string username)
    {
        using var lease = _users.AttemptAcquire(username);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }

    /// <summary>Adds the per-address limiter, for the token paths only.</summary>
    public void AddTo(IServiceCollection services) => services.AddRateLimiter(limiter =>
    {
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            CloudEndpoints.TokenPaths.Contains(context.Request.Path.Value, StringComparer.OrdinalIgnoreCase)
                ? RateLimitPartition.GetTokenBucketLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => Bucket(Options.SignInBurstPerAddress, Options.SignInsPerMinutePerAddress))
                : RateLimitPartition.GetNoLimiter(string.Empty));
        limiter.OnRejected = async (rejected, ct) =>
        {
            var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
            var response = rejected.HttpContext.Response;
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            response.ContentType = CloudEndpoints.Json;
            await response.WriteAsync("""{"error":"temporarily_unavailable","error_description":"too many sign-in attempts from this address; try again later"}""", ct);
        };
    });

    public void Dispose() => _users.Dispose();

    private static TokenBucketRateLimiterOptions Bucket(int burst, int perMinute) => new()
    {
        TokenLimit = Math.Max(1, burst),
        TokensPerPeriod = Math.Max(1, perMinute),
        ReplenishmentPeriod = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
