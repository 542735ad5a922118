using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace FlowerPower.Cloud.Server.Telemetry;

/// <summary>
/// <c>/metrics</c> for Prometheus on a listener of its own (<c>--metrics-urls</c>), never on the public address: a
/// host of its own with nothing else mapped, so no request to the cloud's addresses can reach it whatever its Host
/// header says. It exports the server's meter (<see cref="ServerMetrics"/>), ASP.NET Core's requests (counts and
/// durations per route) and Npgsql's connection pool.
/// </summary>
internal sealed class MetricsListener : IAsyncDisposable
{
    /// <summary>The meters exported.</summary>
    public static readonly string[] Meters = [ServerMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Npgsql"];

    private readonly WebApplication _app;

    private MetricsListener(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where <c>/metrics</c> is served (the first address when given several).</summary>
    public Uri Address { get; }

    public static async Task<MetricsListener> StartAsync(string urls, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(MetricsListener).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Microsoft.Extensions.Hosting.Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 0);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(Meters).AddPrometheusExporter());
        var app = builder.Build();
        app.MapPrometheusScrapingEndpoint();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException exception)
        {
            await app.DisposeAsync();
            throw new IOException($"the metrics address {urls}: {exception.Message}", exception);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MetricsListener(app, new Uri(new Uri(address), "/metrics"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
