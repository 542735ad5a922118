using System.Globalization;
using FlowerPower.Cloud.Server.Limits;
using FlowerPower.Cloud.Server.Telemetry;
using FlowerPower.Cloud.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FlowerPower.Cloud.Server.Hosting;

/// <summary>
/// In front of the token endpoints: each request takes one attempt from its address's allowance
/// (<see cref="SignInLimits.TakeAttemptAsync"/>) or is answered 429 with <c>Retry-After</c> before its form is read.
/// The web garden's own calls (<see cref="WebCallAddress"/>) are not taken again: their sign-in form took its attempt.
/// </summary>
internal static class SignInGate
{
    public static void Use(WebApplication app, SignInLimits limits) => app.Use(async (context, next) =>
    {
        if (!CloudEndpoints.TokenPaths.Contains(context.Request.Path.Value, StringComparer.OrdinalIgnoreCase) || WebCallAddress.IsWebCall(context))
        {
            await next(context);
            return;
        }

        if (await limits.TakeAttemptAsync(context.Connection.RemoteIpAddress, context.RequestAborted) is { } wait)
        {
            ServerMetrics.SignInRateLimited();
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = RetryAfter.Seconds(wait).ToString(CultureInfo.InvariantCulture);
            context.Response.ContentType = CloudEndpoints.Json;
            await context.Response.WriteAsync("""{"error":"temporarily_unavailable","error_description":"too many sign-in attempts from this address; try again later"}""", context.RequestAborted);
            return;
        }

        await next(context);
    });
}
