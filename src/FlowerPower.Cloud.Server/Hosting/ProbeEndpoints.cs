using System.Diagnostics;
using FlowerPower.Cloud.Server.Storage;
using FlowerPower.Cloud.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Server.Hosting;

/// <summary>
/// What runs in front of the cloud's wire: one log line per request, and the probes outside the cloud's API, without
/// a token: <c>/healthz</c> (the process answers) and <c>/readyz</c> (the database answers), for systemd watchdogs,
/// load balancers and Kubernetes.
/// </summary>
internal static class ProbeEndpoints
{
    public const string Health = "/healthz";
    public const string Ready = "/readyz";

    public static void Use(WebApplication app, CloudDatabase database, ILoggerFactory? loggerFactory)
    {
        var requests = loggerFactory?.CreateLogger(ServerEvents.RequestCategory);
        if (requests is not null)
        {
            app.Use(async (context, next) =>
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await next(context);
                }
                finally
                {
                    // The route template, never the path's query: the token endpoint's query may carry a secret.
                    requests.LogInformation(
                        ServerEvents.Request,
                        "{Method} {Route} {Status} {DurationMs:0.0} ms user {UserId}",
                        context.Request.Method,
                        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.GetEndpoint()?.DisplayName ?? "(no route)",
                        context.Response.StatusCode,
                        Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                        CloudEndpoints.TryUserOf(context));
                }
            });
        }

        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value;
            if (path == Health)
            {
                await Results.Text("ok\n", "text/plain").ExecuteAsync(context);
            }
            else if (path == Ready)
            {
                await (await ReadyAsync(database, context.RequestAborted)).ExecuteAsync(context);
            }
            else
            {
                await next(context);
            }
        });
    }

    private static async Task<IResult> ReadyAsync(CloudDatabase database, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await using var connection = await database.OpenAsync(timeout.Token);
            await connection.ScalarAsync<long>(null, "SELECT 1", timeout.Token);
            return Results.Text("ready\n", "text/plain");
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or TimeoutException or OperationCanceledException or InvalidOperationException or IOException)
        {
            return Results.Text("the database does not answer\n", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
