using FlowerPower.Cloud.Emulator;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FlowerPower.Cloud.Samples.AspNet;

/// <summary>
/// The web app: the SDK registered from configuration (appsettings.json, user secrets, FlowerPower__* environment
/// variables), or the emulator in-process in Development when no credentials are set; OpenTelemetry for the SDK's
/// source and meter; the garden page, two JSON endpoints and the health check.
/// </summary>
internal static class GardenApp
{
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var section = builder.Configuration.GetSection("FlowerPower");
        FlowerPowerEmulator? emulator = null;
        if (string.IsNullOrEmpty(section["ClientId"]) && builder.Environment.IsDevelopment())
        {
            emulator = await FlowerPowerEmulator.StartAsync();
            var demo = emulator.CreateClientOptions();
            builder.Services.AddFlowerPowerCloud(o =>
            {
                (o.BaseAddress, o.ClientId, o.ClientSecret, o.Username, o.Password) = (demo.BaseAddress, demo.ClientId, demo.ClientSecret, demo.Username, demo.Password);
            });
            builder.Services.AddSingleton(emulator);
        }
        else
        {
            builder.Services.AddFlowerPowerCloud(section);
        }

        builder.Services.AddHealthChecks().AddFlowerPowerCloud();
        if (builder.Configuration.GetValue<bool>("Telemetry:Console"))
        {
            builder.Services.AddOpenTelemetry()
                .WithTracing(tracing => tracing
                    .AddSource(FlowerPowerDiagnostics.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddConsoleExporter())
                .WithMetrics(metrics => metrics
                    .AddMeter(FlowerPowerDiagnostics.Name)
                    .AddConsoleExporter());
        }

        var app = builder.Build();
        if (emulator is not null)
        {
            app.Lifetime.ApplicationStopped.Register(() => emulator.DisposeAsync().AsTask().GetAwaiter().GetResult());
        }

        app.MapGet("/", async (IFlowerPowerClient client, CancellationToken ct) =>
            Results.Content(await GardenPage.RenderAsync(client, ct), "text/html; charset=utf-8"));
        app.MapGet("/api/garden", async (IFlowerPowerClient client, CancellationToken ct) =>
        {
            var garden = await client.GetGardenAsync(ct);
            return Results.Json(garden.Plants.Select(p => new
            {
                p.LocationIdentifier,
                p.Nickname,
                p.SensorSerial,
                Light = p.Status?.Light?.GaugeValues?.CurrentValue,
                SoilMoisture = p.Status?.Watering?.SoilMoisture?.GaugeValues?.CurrentValue,
                AirTemperature = p.Status?.AirTemperature?.GaugeValues?.CurrentValue,
                Battery = p.Status?.Battery?.GaugeValues?.CurrentValue,
                Alerts = p.Alerts.Select(a => new { Kind = a.Kind.ToString(), Severity = a.Severity.ToString(), a.Message }),
            }));
        });
        app.MapGet("/api/alerts", async (IFlowerPowerClient client, CancellationToken ct) =>
            Results.Json((await client.GetAlertsAsync(ct)).Select(a => new
            {
                a.LocationIdentifier,
                a.PlantNickname,
                Kind = a.Kind.ToString(),
                Severity = a.Severity.ToString(),
                a.Message,
                a.PredictedActionDatetimeUtc,
            })));
        app.MapHealthChecks("/health", new HealthCheckOptions());
        return app;
    }
}
