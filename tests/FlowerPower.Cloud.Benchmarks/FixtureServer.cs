using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Benchmarks;

/// <summary>
/// The floor benchmark's server, run as a process of its own so its work is not counted against the client: Kestrel on
/// 127.0.0.1 serving the real fixture bodies, a token, versions, and sample windows of 15-minute samples. With a latency,
/// every answer waits that long first, as a cloud across the internet would make its callers wait.
/// </summary>
internal static class FixtureServer
{
    public const string AccessToken = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    public const string Token = $$"""{"access_token":"{{AccessToken}}","expires_in":172800,"refresh_token":"BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"}""";

    public const string Versions = """{"errors":[],"server_identifier":"floor","user_config_version":41,"garden_status_version":1234}""";

    public static async Task<int> RunAsync(TimeSpan latency)
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");
        var status = await File.ReadAllBytesAsync(Path.Combine(fixtures, "barnabas_status.json"));
        var configuration = await File.ReadAllBytesAsync(Path.Combine(fixtures, "barnabas_configuration.json"));
        var versions = Encoding.UTF8.GetBytes(Versions);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        if (latency > TimeSpan.Zero)
        {
            app.Use(async (context, next) =>
            {
                await Task.Delay(latency, context.RequestAborted);
                await next(context);
            });
        }

        app.MapPost("/user/v1/authenticate", () => Results.Text(Token, "application/json"));
        app.MapGet("/garden/v1/status", () => Results.Bytes(status, "application/json"));
        app.MapGet("/garden/v2/configuration", () => Results.Bytes(configuration, "application/json"));
        app.MapGet("/user/v1/versions", () => Results.Bytes(versions, "application/json"));
        // Each window's body is made once and then served as bytes, like the other answers, so the server's share of
        // the two cores stays small and the benchmark measures the clients.
        var windows = new System.Collections.Concurrent.ConcurrentDictionary<(DateTimeOffset, DateTimeOffset), byte[]>();
        app.MapGet("/sensor_data/v6/sample/location/{id}", (HttpContext context) =>
        {
            var from = DateTimeOffset.Parse(context.Request.Query["from_datetime_utc"].ToString(), CultureInfo.InvariantCulture);
            var to = DateTimeOffset.Parse(context.Request.Query["to_datetime_utc"].ToString(), CultureInfo.InvariantCulture);
            var body = windows.GetOrAdd((from, to), static range => Encoding.UTF8.GetBytes(Window(range.Item1, range.Item2)));
            return Results.Bytes(body, "application/json");
        });
        await app.StartAsync();
        Console.WriteLine("listening on " + app.Urls.First());
        await Console.In.ReadLineAsync();
        await app.StopAsync();
        return 0;
    }

    /// <summary>Samples every 15 minutes on the quarter hour, both bounds inclusive, as the cloud answered.</summary>
    public static string Window(DateTimeOffset from, DateTimeOffset to)
    {
        var json = new StringBuilder(256 * 1024).Append("""{"samples":[""");
        var first = true;
        var start = new DateTimeOffset(from.Year, from.Month, from.Day, from.Hour, 0, 0, TimeSpan.Zero);
        for (var at = start; at <= to; at = at.AddMinutes(15))
        {
            if (at < from)
            {
                continue;
            }

            json.Append(first ? string.Empty : ",").Append(CultureInfo.InvariantCulture,
                $$"""{"capture_datetime_utc":"{{at:yyyy-MM-ddTHH:mm:ssZ}}","light":0.1,"fertilizer_level":0.89,"air_temperature_celsius":8.69,"soil_moisture_percent":18.41,"battery_percent":82,"water_tank_level_percent":0,"calibrated_soil_moisture_percent":23.85}""");
            first = false;
        }

        return json.Append("""],"watering_events":[],"errors":[],"server_identifier":"floor","user_config_version":1,"garden_status_version":1}""").ToString();
    }
}
