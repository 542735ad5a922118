using System.Net;
using System.Text.Json;
using FlowerPower.Cloud.Server.Administration;
using FlowerPower.Cloud.Server.Storage;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// Input never reaches storage unchecked, and what storage holds never breaks an answer: control characters refused
/// on both databases, a far-future sample that does not stop the status, uploads naming sensors in opposite order
/// without deadlock, and a sign-in that is not held up by uploads on SQLite.
/// </summary>
public sealed class ServerInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_nul_anywhere_a_client_can_put_one_is_refused_with_a_code_not_a_500(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        using var anonymous = new HttpClient { BaseAddress = session.Server.BaseAddress };
        using var bridge = await UploadTests.BridgeAsync(session, ServerSession.Alice);
        var now = DateTimeOffset.UtcNow;
        var upload = new BridgeUpload("PI040307AD5G20\u0000185", new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-3), now);

        using var token = await anonymous.PostAsync(
            "user/v1/authenticate",
            new StringContent("grant_type=password&username=alice%00@example.invalid&password=x&client_id=a%00b&client_secret=s", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"),
            Ct);
        using var query = await anonymous.GetAsync("user/v1/authenticate?grant_type=password&client_id=a%00b&client_secret=x&username=u&password=p", Ct);
        using var samples = await bridge.GetAsync("sensor_data/v6/sample/location/abc%00def?from_datetime_utc=2026-11-30T00:00:00Z&to_datetime_utc=2026-12-01T00:00:00Z", Ct);
        using var sensor = await UploadTests.PutAsync(bridge, "sensor_data/v8/sample", upload.Json());
        using var status = await UploadTests.PutAsync(bridge, "garden/v1/status", UploadTests.StatusJson(session.AliceLocation + "\u0000", BridgeUpload.Stamp(now)));

        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
        Assert.Contains("invalid_request", await token.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, query.StatusCode);
        Assert.True(samples.StatusCode == HttpStatusCode.BadRequest || ErrorCode(await samples.Content.ReadAsStringAsync(Ct)) == 9000, samples.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, sensor.StatusCode);
        Assert.Equal(9058, ErrorCode(await sensor.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(HttpStatusCode.BadRequest, status.StatusCode);
        Assert.Equal(9066, ErrorCode(await status.Content.ReadAsStringAsync(Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_sample_stored_at_the_end_of_time_does_not_stop_the_status_or_the_configuration(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        await using (var connection = await session.OpenDatabase().OpenAsync(Ct))
        {
            var location = await connection.ScalarAsync<long>(null, "SELECT id FROM locations WHERE sensor_serial = @s", Ct, ("@s", ServerSession.AliceSensor));
            var end = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();
            await connection.ExecuteAsync(null, "INSERT INTO samples (location_id, capture_ms, light, soil_moisture, air_temperature, battery) VALUES (@l, @t, 5, 20, 21, 80)", Ct,
                ("@l", location), ("@t", end));
            await connection.ExecuteAsync(null, "INSERT INTO samples (location_id, capture_ms, light, soil_moisture, air_temperature, battery) VALUES (@l, @t, 5, 20, 21, 80)", Ct,
                ("@l", location), ("@t", -62135596800000L));
            await connection.ExecuteAsync(null, "UPDATE locations SET sample_count = 2, first_sample_ms = -62135596800000, last_sample_ms = @t, last_upload_ms = @t WHERE id = @l", Ct,
                ("@t", end), ("@l", location));
        }

        using var client = new FlowerPowerClient(session.Options());
        var status = await client.GetGardenStatusAsync(Ct);
        var configuration = await client.GetGardenConfigurationAsync(Ct);
        var garden = await client.GetGardenAsync(Ct);

        Assert.Single(status.Locations);
        Assert.Single(configuration.Locations);
        Assert.Single(garden.Plants);
    }

    [Fact]
    public async Task Two_uploads_naming_the_same_sensors_in_opposite_order_both_land_on_postgres()
    {
        const string Second = "PI040307AD5G20CCCC";
        await using var session = await ServerSession.StartAsync(TestDatabase.Postgres);
        await new AccountAdmin(session.OpenDatabase(), TimeProvider.System).AddLocationAsync(ServerSession.Alice, "Mint", Second, null, true, Ct);
        using var bridge = await UploadTests.BridgeAsync(session, ServerSession.Alice);
        var now = DateTimeOffset.UtcNow;

        string Body(string first, string second, int offset) => TwoSensors(first, second, now, offset);
        for (var round = 0; round < 5; round++)
        {
            var a = UploadTests.PutAsync(bridge, "sensor_data/v8/sample", Body(ServerSession.AliceSensor, Second, round * 2));
            var b = UploadTests.PutAsync(bridge, "sensor_data/v8/sample", Body(Second, ServerSession.AliceSensor, (round * 2) + 1));
            var answers = await Task.WhenAll(a, b);

            Assert.All(answers, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            answers.ToList().ForEach(r => r.Dispose());
        }
    }

    [Fact]
    public async Task A_sign_in_during_concurrent_uploads_on_sqlite_succeeds()
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        using var bridge = await UploadTests.BridgeAsync(session, ServerSession.Alice);
        var now = DateTimeOffset.UtcNow;
        var uploads = Enumerable.Range(0, 3).Select(i => UploadTests.PutAsync(bridge, "sensor_data/v8/sample", LongUpload(now, i))).ToList();

        using var client = new FlowerPowerClient(session.Options(ServerSession.Bob));
        var profile = await client.GetProfileAsync(Ct);
        var answers = await Task.WhenAll(uploads);

        Assert.Equal(ServerSession.Bob, profile.UserProfile!.Email);
        Assert.All(answers, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        answers.ToList().ForEach(r => r.Dispose());
    }

    private static int ErrorCode(string json) => JsonDocument.Parse(json).RootElement.GetProperty("errors")[0].GetProperty("error_code").GetInt32();

    /// <summary>One upload with a buffer for each of two sensors, in the order given.</summary>
    private static string TwoSensors(string first, string second, DateTimeOffset now, int offset)
    {
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-6).AddSeconds(offset);
        var one = new BridgeUpload(first, start, now);
        var two = new BridgeUpload(second, start, now);
        return one.Json(body =>
        {
            ((List<Dictionary<string, object?>>)body["session_histories"]!).AddRange((List<Dictionary<string, object?>>)JsonSessions(two));
            ((List<Dictionary<string, object?>>)body["uploads"]!).AddRange((List<Dictionary<string, object?>>)JsonUploads(two));
        });
    }

    private static object JsonSessions(BridgeUpload upload)
    {
        List<Dictionary<string, object?>>? sessions = null;
        upload.Json(body => sessions = (List<Dictionary<string, object?>>)body["session_histories"]!);
        return sessions!;
    }

    private static object JsonUploads(BridgeUpload upload)
    {
        List<Dictionary<string, object?>>? uploads = null;
        upload.Json(body => uploads = (List<Dictionary<string, object?>>)body["uploads"]!);
        return uploads!;
    }

    /// <summary>An upload of about 60 days of history (5,760 entries), each upload of the three a different session start.</summary>
    private static string LongUpload(DateTimeOffset now, int which)
    {
        const int Entries = 5_760;
        var start = now.AddSeconds(-((Entries + 10) * 900.0)).AddSeconds(which);
        var readings = Enumerable.Range(0, Entries).Select(i => BridgeUpload.Readings[i % BridgeUpload.Readings.Length]).ToList();
        var upload = new BridgeUpload(ServerSession.AliceSensor, start, now);
        return upload.Json(body => ((List<Dictionary<string, object?>>)body["uploads"]!)[0]["buffer_base64"] =
            Convert.ToBase64String(BridgeUpload.Lay((uint)((Entries - 1) * 900), 100, (ushort)(100 + Entries - 1), BridgeUpload.SessionId, 900, readings)));
    }
}
