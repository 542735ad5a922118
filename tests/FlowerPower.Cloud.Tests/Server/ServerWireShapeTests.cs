using System.Globalization;
using FlowerPower.Cloud.Emulator;
using FlowerPower.Cloud.Server.Import;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// The server is held to the real payloads as the emulator is: the same keys and JSON types, from real data. One
/// departure is allowed, and documented: a sample imported from CSV-Dump has no battery level and no calibrated soil
/// moisture (the tool never saved them), and the server says so with null rather than invent a number.
/// </summary>
public sealed class ServerWireShapeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flowerpower-shape-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string, string[]> Endpoints()
    {
        var data = new TheoryData<string, string, string[]>();
        foreach (var kind in new[] { TestDatabase.Sqlite, TestDatabase.Postgres })
        {
            data.Add(kind, "user/v4/profile", ["barnabas_profile.json"]);
            data.Add(kind, "garden/v2/configuration?include_s3_urls=true", ["barnabas_configuration.json", "bela_configuration.json", "exemplar_garden_v2_configuration_with_plant_and_null_sensor.json"]);
            data.Add(kind, "garden/v1/status", ["barnabas_status.json", "bela_status.json", "exemplar_garden_v1_status_one_location_with_plant.json"]);
            data.Add(kind, "SAMPLES", ["barnabas_data.json"]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_key_and_type_matches_the_real_payloads(string kind, string path, string[] fixtures)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var session = await ServerSession.StartAsync(kind);
        var start = DateTimeOffset.UtcNow.Date.AddDays(-3);
        var lines = Enumerable.Range(0, 200).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{start.AddMinutes(15 * i):yyyy-MM-dd HH:mm:ss} UTC,1.25,{i % 40 * 0.7},{35 - (i * 0.1)},{19.5 + (i % 10 * 0.1)}"));
        await File.WriteAllLinesAsync(Path.Combine(_folder, "Flower power 0185.csv"), [CsvDumpFile.Header, .. lines], ct);
        await new CsvDumpImporter(session.OpenDatabase(), TimeProvider.System).ImportAsync(_folder, ServerSession.Alice, null, TextWriter.Null, ct);
        using var http = await UploadTests.BridgeAsync(session, ServerSession.Alice);
        if (path == "SAMPLES")
        {
            path = FormattableString.Invariant($"sensor_data/v6/sample/location/{session.AliceLocation}?from_datetime_utc={start:yyyy-MM-ddTHH:mm:ssZ}&to_datetime_utc={start.AddDays(3):yyyy-MM-ddTHH:mm:ssZ}");
        }

        var served = JsonShape.Of(await http.GetStringAsync(path, ct));
        var real = JsonShape.Of(fixtures.Select(Fixtures.Read).ToArray());

        var invented = served.Keys.Where(k => !real.ContainsKey(k) && !k.StartsWith("watering_events[]", StringComparison.Ordinal)).ToList();
        Assert.True(invented.Count == 0, "keys the cloud never sent: " + string.Join(", ", invented));
        var missing = real.Keys.Where(k => !served.ContainsKey(k) && !k.Contains("pictures[]", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "keys the cloud sent that the server lacks: " + string.Join(", ", missing));
        foreach (var (key, kinds) in served)
        {
            if (key is "samples[].battery_percent" or "samples[].calibrated_soil_moisture_percent")
            {
                continue;
            }

            if (real.TryGetValue(key, out var realKinds))
            {
                Assert.True(kinds.IsSubsetOf(realKinds), $"{key}: server sent {string.Join("/", kinds)}, the cloud {string.Join("/", realKinds)}");
            }
        }
    }

    [Fact]
    public async Task The_server_names_itself_in_server_identifier_and_the_emulator_itself()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        await using var emulator = await FlowerPowerEmulator.StartAsync(cancellationToken: ct);
        using var server = new HttpClient { BaseAddress = session.Server.BaseAddress };
        using var demo = new HttpClient { BaseAddress = emulator.BaseAddress };

        using var refused = await server.GetAsync("user/v1/versions", ct);
        var signedOut = await refused.Content.ReadAsStringAsync(ct);
        using var bridge = await UploadTests.BridgeAsync(session, ServerSession.Alice);
        var signedIn = await bridge.GetStringAsync("user/v1/versions", ct);
        using var emulatorRefused = await demo.GetAsync("user/v1/versions", ct);
        var emulated = await emulatorRefused.Content.ReadAsStringAsync(ct);

        Assert.Contains("\"server_identifier\":\"FlowerPower.Cloud.Server (wire of 2.1.18", signedOut, StringComparison.Ordinal);
        Assert.Contains("\"server_identifier\":\"FlowerPower.Cloud.Server (wire of 2.1.18", signedIn, StringComparison.Ordinal);
        Assert.Contains("\"server_identifier\":\"FlowerPower.Cloud.Emulator (wire of 2.1.18", emulated, StringComparison.Ordinal);
    }
}
