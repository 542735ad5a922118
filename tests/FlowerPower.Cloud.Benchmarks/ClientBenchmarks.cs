using System.Text;
using BenchmarkDotNet.Attributes;

namespace FlowerPower.Cloud.Benchmarks;

/// <summary>Whole-stack cost of the calls a polling app makes: handlers, Polly, reading, mapping.</summary>
[MemoryDiagnoser]
public class ClientBenchmarks
{
    private FlowerPowerClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        var status = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "barnabas_status.json"));
        _client = new FlowerPowerClient(
            new FlowerPowerClientOptions
            {
                BaseAddress = new Uri("https://bench.invalid"),
                ClientId = "id", ClientSecret = "secret", Username = "user", Password = "password",
            },
            primaryHandler: new InMemoryCloud(status, TenDaysOfSamples()));
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    /// <summary>47 locations, 137 KB: the largest real status capture.</summary>
    [Benchmark]
    public Task<GardenStatusResponse> GardenStatus() => _client.GetGardenStatusAsync();

    /// <summary>One 10-day window: 960 samples.</summary>
    [Benchmark]
    public Task<SamplesResponse> TenDayWindow() =>
        _client.GetSamplesAsync("loc", new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2019, 1, 11, 0, 0, 0, TimeSpan.Zero));

    private static string TenDaysOfSamples()
    {
        var start = new DateTimeOffset(2019, 1, 1, 0, 3, 21, TimeSpan.Zero);
        var json = new StringBuilder("""{"samples":[""");
        for (var i = 0; i < 960; i++)
        {
            json.Append(i == 0 ? string.Empty : ",")
                .Append(System.Globalization.CultureInfo.InvariantCulture, $$"""{"capture_datetime_utc":"{{start.AddMinutes(15 * i):yyyy-MM-ddTHH:mm:ssZ}}","light":0.1,"fertilizer_level":0.89,"air_temperature_celsius":8.69,"soil_moisture_percent":18.41,"battery_percent":82,"water_tank_level_percent":0,"calibrated_soil_moisture_percent":23.85}""");
        }

        return json.Append("""],"watering_events":[],"errors":[],"server_identifier":"bench","user_config_version":1,"garden_status_version":1}""").ToString();
    }
}
