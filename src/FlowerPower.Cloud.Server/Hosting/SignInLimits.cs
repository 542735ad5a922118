using System.Globalization;
using System.Text;
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
/// slow the real sign-ins of others. The web garden's sign-in form is limited per browser address the same way; its
/// own calls to the token endpoint (all from loopback, marked with the process's key) are limited per user only.
/// </summary>
internal sealed class SignInLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _users;

    private readonly byte[]? _webCallKey;

    public SignInLimits(ServerOptions options, string? webCallKey = null)
    {
        Options = options;
        _webCallKey = webCallKey is null ? null : Encoding.UTF8.GetBytes(webCallKey);
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
            IsSignIn(context) && !IsWebGardenCall(context)
                ? RateLimitPartition.GetTokenBucketLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => Bucket(Options.SignInBurstPerAddress, Options.SignInsPerMinutePerAddress))
                : RateLimitPartition.GetNoLimiter(string.Empty));
        limiter.OnRejected = async (rejected, ct) =>
        {
            var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
            var response = rejected.HttpContext.Response;
            var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            if (rejected.HttpContext.Request.Path.StartsWithSegments(Web.WebEndpoints.SignInPath, StringComparison.OrdinalIgnoreCase))
            {
                await Web.WebEndpoints.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, Web.Pages.Html.Page(
                    "Sign in", $"<p class=\"error\" role=\"alert\">Too many sign-in attempts from this address; try again in {seconds} seconds.</p><p><a href=\"/sign-in\">Sign in</a></p>", null));
                return;
            }

            response.ContentType = CloudEndpoints.Json;
            await response.WriteAsync("""{"error":"temporarily_unavailable","error_description":"too many sign-in attempts from this address; try again later"}""", ct);
        };
    });

    public void Dispose() => _users.Dispose();

    private static bool IsSignIn(HttpContext context) =>
        CloudEndpoints.TokenPaths.Contains(context.Request.Path.Value, StringComparer.OrdinalIgnoreCase) ||
        (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments(Web.WebEndpoints.SignInPath, StringComparison.OrdinalIgnoreCase));

    private bool IsWebGardenCall(HttpContext context) =>
        _webCallKey is not null &&
        context.Request.Headers.TryGetValue(Web.SelfCallHandler.KeyHeader, out var key) &&
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key.ToString()), _webCallKey);

    private static TokenBucketRateLimiterOptions Bucket(int burst, int perMinute) => new()
    {
        TokenLimit = Math.Max(1, burst),
        TokensPerPeriod = Math.Max(1, perMinute),
        ReplenishmentPeriod = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
