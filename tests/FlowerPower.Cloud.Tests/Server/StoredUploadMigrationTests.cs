using FlowerPower.Cloud.Server.Storage;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// Migration 2 decodes again the uploads the server kept as received: a body the first reader misread (it took bytes
/// 8-11 as one 32-bit index and so dated the entries years ahead, with no light or soil moisture) is served afterwards
/// as the public layout says, the first reader's samples are gone, and imported samples are untouched.
/// </summary>
public sealed class StoredUploadMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_body_stored_by_the_old_reader_is_served_correctly_after_the_migration(string kind)
    {
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-6);
        var upload = new BridgeUpload(ServerSession.AliceSensor, start, now, sessionStartIndex: 0, entriesBefore: 2);
        var imported = start.AddHours(-1);

        // What the first reader stored: bytes 8-11 read as (2 << 16) | 7, so indexes 131,074 to 131,079, each dated
        // startup + index × 900 s (about 3.7 years ahead), only air temperature and battery converted.
        var oldTimes = Enumerable.Range(0, 6).Select(k => start.AddSeconds((131_074 + k) * 900.0)).ToList();
        await using var session = await ServerSession.StartAsync(kind, atSchemaVersion1: async s =>
        {
            await using var connection = await s.OpenDatabase().OpenAsync(Ct);
            var location = await connection.ScalarAsync<long>(null, "SELECT id FROM locations WHERE sensor_serial = @s", Ct, ("@s", ServerSession.AliceSensor));
            var user = await connection.ScalarAsync<long>(null, "SELECT user_id FROM locations WHERE id = @l", Ct, ("@l", location));
            await connection.ExecuteAsync(null, "INSERT INTO uploads (user_id, kind, received_ms, body) VALUES (@u, 'sample', @t, @b)", Ct,
                ("@u", user), ("@t", now.ToUnixTimeMilliseconds()), ("@b", upload.Json()));
            foreach (var (at, k) in oldTimes.Select((at, k) => (at, k)))
            {
                var raw = BridgeUpload.Readings[k];
                await connection.ExecuteAsync(
                    null,
                    """
                    INSERT INTO samples (location_id, capture_ms, air_temperature, battery, raw_light, raw_soil_ec, raw_soil_temperature, raw_soil_vwc, raw_air_temperature, raw_battery)
                    VALUES (@l, @t, 21.5, 80, @r1, @r2, @r3, @r4, @r0, @r5)
                    """,
                    Ct,
                    ("@l", location), ("@t", at.ToUnixTimeMilliseconds()), ("@r0", (int)raw[0]), ("@r1", (int)raw[1]), ("@r2", (int)raw[2]), ("@r3", (int)raw[3]),
                    ("@r4", (int)raw[4]), ("@r5", (int)raw[5]));
            }

            await connection.ExecuteAsync(null, "INSERT INTO samples (location_id, capture_ms, light, soil_moisture) VALUES (@l, @t, 7.5, 31)", Ct,
                ("@l", location), ("@t", imported.ToUnixTimeMilliseconds()));
            await connection.ExecuteAsync(
                null, "UPDATE locations SET current_history_index = 131080, sample_count = 7, first_sample_ms = @f, last_sample_ms = @t WHERE id = @l", Ct,
                ("@f", imported.ToUnixTimeMilliseconds()), ("@t", oldTimes[^1].ToUnixTimeMilliseconds()), ("@l", location));
        });
        using var client = new FlowerPowerClient(session.Options());

        var samples = await client.GetSamplesAsync(session.AliceLocation, imported, now, Ct);
        var status = await client.GetGardenStatusAsync(Ct);

        var kept = samples.Samples[0];
        Assert.Equal(imported, kept.CaptureDatetimeUtc);
        Assert.Equal(7.5, kept.Light);
        UploadTests.AssertSamples(upload.Expected, samples.Samples.Skip(1).ToList());
        var location = Assert.Single(status.Locations);
        Assert.Equal(upload.ReachedIndex, location.Sensor!.CurrentHistoryIndex);
        Assert.Equal(7, location.TotalSampleCount);
        Assert.Equal(upload.Expected[^1].At, location.LastSampleUtc);
        await using var connection = await session.OpenDatabase().OpenAsync(Ct);
        Assert.Equal(0, await connection.ScalarAsync<long>(null, "SELECT COUNT(*) FROM samples WHERE capture_ms > @t", Ct, ("@t", now.ToUnixTimeMilliseconds())));
        Assert.Equal(6, await connection.ScalarAsync<long>(null, "SELECT COUNT(*) FROM samples WHERE soil_temperature IS NOT NULL", Ct));
    }

    [Fact]
    public async Task A_body_the_corrected_reader_refuses_keeps_the_samples_it_had()
    {
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-6);
        var upload = new BridgeUpload(ServerSession.AliceSensor, start, now);

        // A body the corrected reader cannot take (its count spans indexes 100 to 110 for six entries) keeps its samples.
        var refused = upload.Json(body => ((List<Dictionary<string, object?>>)body["uploads"]!)[0]["buffer_base64"] =
            Convert.ToBase64String(BridgeUpload.Lay(4_500, 100, 110, BridgeUpload.SessionId, 900, BridgeUpload.Readings)));
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite, atSchemaVersion1: async s =>
        {
            await using var connection = await s.OpenDatabase().OpenAsync(Ct);
            var location = await connection.ScalarAsync<long>(null, "SELECT id FROM locations WHERE sensor_serial = @s", Ct, ("@s", ServerSession.AliceSensor));
            var user = await connection.ScalarAsync<long>(null, "SELECT user_id FROM locations WHERE id = @l", Ct, ("@l", location));
            await connection.ExecuteAsync(null, "INSERT INTO uploads (user_id, kind, received_ms, body) VALUES (@u, 'sample', @t, @b)", Ct,
                ("@u", user), ("@t", now.ToUnixTimeMilliseconds()), ("@b", refused));
            await connection.ExecuteAsync(null, "INSERT INTO samples (location_id, capture_ms, air_temperature, raw_air_temperature) VALUES (@l, @t, 20, 700)", Ct,
                ("@l", location), ("@t", start.ToUnixTimeMilliseconds()));
        });
        using var client = new FlowerPowerClient(session.Options());

        var samples = await client.GetSamplesAsync(session.AliceLocation, start.AddMinutes(-1), now, Ct);

        Assert.Equal(20, Assert.Single(samples.Samples).AirTemperatureCelsius);
    }
}
