using FlowerPower.Cloud.Emulator;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Emulator;

/// <summary>The emulator is a second witness: its output has the real fixtures' keys and JSON types.</summary>
public sealed class EmulatorWireShapeTests
{
    public static TheoryData<string, string[]> Endpoints() => new()
    {
        { "user/v4/profile", ["barnabas_profile.json"] },
        { "garden/v2/configuration?include_s3_urls=true", ["barnabas_configuration.json", "bela_configuration.json", "exemplar_garden_v2_configuration_with_plant_and_null_sensor.json"] },
        { "garden/v1/status", ["barnabas_status.json", "bela_status.json", "exemplar_garden_v1_status_one_location_with_plant.json"] },
        { "SAMPLES", ["barnabas_data.json"] },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_key_and_type_matches_the_real_payloads(string path, string[] fixtures)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await FlowerPowerEmulator.StartAsync(cancellationToken: ct);
        using var http = await EmulatorSession.AuthorizedAsync(emulator, ct);
        if (path == "SAMPLES")
        {
            var to = DateTimeOffset.UtcNow;
            path = FormattableString.Invariant($"sensor_data/v6/sample/location/{emulator.LocationIdentifiers[0]}?from_datetime_utc={to.AddDays(-10):yyyy-MM-ddTHH:mm:ssZ}&to_datetime_utc={to:yyyy-MM-ddTHH:mm:ssZ}");
        }

        var emulated = JsonShape.Of(await http.GetStringAsync(path, ct));
        var real = JsonShape.Of(fixtures.Select(Fixtures.Read).ToArray());

        // The captures hold no watering event, so its elements have no real shape to hold them against.
        var invented = emulated.Keys.Where(k => !real.ContainsKey(k) && !k.StartsWith("watering_events[]", StringComparison.Ordinal)).ToList();
        Assert.True(invented.Count == 0, "keys the cloud never sent: " + string.Join(", ", invented));
        var missing = real.Keys.Where(k => !emulated.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "keys the cloud sent that the emulator lacks: " + string.Join(", ", missing));
        foreach (var (key, kinds) in emulated)
        {
            if (real.TryGetValue(key, out var realKinds))
            {
                Assert.True(kinds.IsSubsetOf(realKinds), $"{key}: emulator sent {string.Join("/", kinds)}, the cloud {string.Join("/", realKinds)}");
            }
        }
    }
}
