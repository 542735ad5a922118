using System.Text;
using FlowerPower.Cloud.Wire.Writers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowerPower.Cloud.Wire;

/// <summary>
/// Starts a slim ASP.NET Core host for the cloud's wire, the same way for the emulator and the server. It always runs
/// as Production, whatever <c>ASPNETCORE_ENVIRONMENT</c> says: the developer exception page would show a stack trace
/// and echo the caller's headers, bearer token included. An exception no endpoint handled is logged with its stack
/// and answered 500 with the wire's error envelope, nothing more.
/// </summary>
internal static class CloudHost
{
    /// <summary>Builds the host, lets <paramref name="map"/> add the endpoints, starts listening and returns where.</summary>
    /// <param name="owner">A type of the program, which names the application.</param>
    /// <param name="urls">Where to listen.</param>
    /// <param name="loggerFactory">Where the host logs; nowhere when null.</param>
    /// <param name="map">Adds the middleware and endpoints.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <param name="configure">Changes the builder before it builds (TLS, limits, services).</param>
    public static async Task<(WebApplication App, Uri BaseAddress)> StartAsync(
        Type owner, string urls, ILoggerFactory? loggerFactory, Action<WebApplication> map, CancellationToken cancellationToken,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = owner.Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton<ILoggerFactory>(new HostLoggerFactory(loggerFactory));
        }

        configure?.Invoke(builder);
        var app = builder.Build();
        var log = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(owner.FullName ?? owner.Name);
        app.Use((context, next) => AnswerFailuresAsync(context, next, log));
        map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    private static async Task AnswerFailuresAsync(HttpContext context, RequestDelegate next, ILogger log)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            // The route, not the path: a path may carry a location identifier, never a secret, but the route is enough.
            log.LogError(CloudEvents.RequestFailed, exception, "{Method} {Route} failed", context.Request.Method, context.GetEndpoint()?.DisplayName ?? "(no route)");
            if (context.Response.HasStarted)
            {
                throw;
            }

            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.ContentType = CloudEndpoints.Json;
            await context.Response.WriteAsync(
                ErrorWriter.Write(new CloudVersions(0, 0), 500, "The server failed to answer; the failure is in its log"), Encoding.UTF8).ConfigureAwait(false);
        }
    }
}
