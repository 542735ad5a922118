using System.Data.Common;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowerPower.Cloud.Server.Administration;
using FlowerPower.Cloud.Server.Hosting;
using FlowerPower.Cloud.Server.Limits;
using FlowerPower.Cloud.Server.Storage;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// An upload is whole or not at all: its body, samples, indexes and waterings commit together and the status version
/// moves once per request; samples and waterings hold a foreign key to their location, whose id is never given
/// again; a location removed during an upload leaves nothing behind; a body carries a bounded number of buffers and
/// an account a bounded number an hour; a watering a bridge reports is stored and served.
/// </summary>
public sealed class UploadIntegrityTests
{
    private const string SecondSensor = "PI040307AD5G2000CC";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task An_upload_of_two_sensors_moves_the_status_version_once(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        await new AccountAdmin(session.OpenDatabase(), TimeProvider.System).AddLocationAsync(ServerSession.Alice, "Mint", SecondSensor, null, true, Ct);
        using var bridge = await UploadTests.BridgeAsync(session, ServerSession.Alice);
        var before = await StatusVersionAsync(bridge);

        using var answer = await UploadTests.PutAsync(bridge, "sensor_data/v8/sample", TwoSensors(DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(before + 1, await StatusVersionAsync(bridge));
        Assert.Equal(12, await CountAsync(session, "SELECT COUNT(*) FROM samples"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_database_refuses_a_sample_or_a_watering_of_no_location(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        await using var connection = await session.OpenDatabase().OpenAsync(Ct);

        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(null, "INSERT INTO samples (location_id, capture_ms) VALUES (987654, 1)", Ct));
        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(null, "INSERT INTO waterings (location_id, at_ms) VALUES (987654, 1)", Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_removed_locations_id_is_never_given_to_another(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        var admin = new AccountAdmin(session.OpenDatabase(), TimeProvider.System);
        var removed = await admin.AddLocationAsync(ServerSession.Alice, "Mint", SecondSensor, null, true, Ct);
        var removedId = await IdAsync(session, removed);
        await admin.RemoveLocationAsync(ServerSession.Alice, removed, Ct);

        var added = await admin.AddLocationAsync(ServerSession.Bob, "Thyme", SecondSensor, null, true, Ct);

        Assert.True(await IdAsync(session, added) > removedId, "the new location took the removed one's id");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_location_removed_during_a_20000_sample_upload_leaves_the_upload_whole_or_refused_and_nothing_behind(string kind)
    {
        const int Entries = 20_000;
        await using var session = await ServerSession.StartAsync(kind);
        var admin = new AccountAdmin(session.OpenDatabase(), TimeProvider.System);
        using var bridge = await UploadTests.BridgeAsync(session, ServerSession.Alice);
        var now = DateTimeOffset.UtcNow;
        var body = BridgeUpload.Long(ServerSession.AliceSensor, Entries, now);

        var upload = UploadTests.PutAsync(bridge, "sensor_data/v8/sample", body);
        await Task.Yield();
        await admin.RemoveLocationAsync(ServerSession.Alice, session.AliceLocation, Ct);
        using var answer = await upload;
        var text = await answer.Content.ReadAsStringAsync(Ct);
        var fresh = await admin.AddLocationAsync(ServerSession.Alice, "Basil again", ServerSession.AliceSensor, null, true, Ct);

        Assert.True(answer.StatusCode == HttpStatusCode.OK || (answer.StatusCode == HttpStatusCode.BadRequest && text.Contains("9070", StringComparison.Ordinal)), $"{answer.StatusCode}: {text}");
        Assert.Equal(0, await CountAsync(session, "SELECT COUNT(*) FROM samples"));
        Assert.Equal(0, await CountAsync(session, "SELECT sample_count FROM locations WHERE location_identifier = '" + fresh + "'"));
        Assert.Equal(0, await CountAsync(session, "SELECT COUNT(*) FROM samples s WHERE NOT EXISTS (SELECT 1 FROM locations l WHERE l.id = s.location_id)"));
    }

    [Fact]
    public async Task A_body_carries_at_most_64_buffers_and_nothing_of_a_longer_one_is_stored()
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        using var bridge = await UploadTests.BridgeAsync(session, ServerSession.Alice);
        var upload = new BridgeUpload(ServerSession.AliceSensor, DateTimeOffset.UtcNow.AddHours(-3), DateTimeOffset.UtcNow);
        var empty = Convert.ToBase64String(BridgeUpload.Lay(0, 0, 0, BridgeUpload.SessionId, 900, []));
        var body = upload.Json(json => ((List<Dictionary<string, object?>>)json["uploads"]!).AddRange(Enumerable.Range(0, 64).Select(_ => new Dictionary<string, object?>
        {
            ["sensor_serial"] = ServerSession.AliceSensor, ["upload_timestamp_utc"] = BridgeUpload.Stamp(upload.Now), ["buffer_base64"] = empty,
        })));

        using var answer = await UploadTests.PutAsync(bridge, "sensor_data/v8/sample", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("at most 64", await answer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(session, "SELECT COUNT(*) FROM uploads"));
    }

    [Fact]
    public async Task An_account_over_its_hourly_uploads_gets_429_with_retry_after_and_nothing_is_stored()
    {
        await using var session = await ServerSession.StartAsync(
            TestDatabase.Sqlite, options: new ServerOptions { Urls = "http://127.0.0.1:0", Allowances = new Allowances { UploadsPerHourPerUser = 3 } });
        using var bridge = await UploadTests.BridgeAsync(session, ServerSession.Alice);
        var body = new BridgeUpload(ServerSession.AliceSensor, DateTimeOffset.UtcNow.AddHours(-3), DateTimeOffset.UtcNow).Json();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;

        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await UploadTests.PutAsync(bridge, "sensor_data/v8/sample", body);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        Assert.Equal(3, await CountAsync(session, "SELECT COUNT(*) FROM uploads"));
        last.Dispose();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_watering_a_bridge_reports_is_stored_served_on_the_wire_and_drawn_on_the_plant_page(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        using var bridge = await UploadTests.BridgeAsync(session, ServerSession.Alice);
        var now = DateTimeOffset.UtcNow;
        var upload = new BridgeUpload(ServerSession.AliceSensor, new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-3), now);
        (await UploadTests.PutAsync(bridge, "sensor_data/v8/sample", upload.Json())).Dispose();
        var watered = upload.Expected[2].At.AddMinutes(5);
        var status = new JsonObject
        {
            ["client_datetime_utc"] = BridgeUpload.Stamp(now),
            ["update_status"] = new JsonArray(
                new JsonObject
                {
                    ["location_identifier"] = session.AliceLocation,
                    ["status_creation_datetime_utc"] = BridgeUpload.Stamp(now),
                    ["watering"] = new JsonObject { ["soil_moisture"] = new JsonObject { ["done_action_datetime_utc"] = BridgeUpload.Stamp(watered) } },
                },
                new JsonObject { ["location_identifier"] = session.AliceLocation, ["status_creation_datetime_utc"] = BridgeUpload.Stamp(now), ["watering"] = null }),
        }.ToJsonString();

        using var stored = await UploadTests.PutAsync(bridge, "garden/v1/status", status);
        using var read = await bridge.GetAsync(
            $"sensor_data/v6/sample/location/{session.AliceLocation}?from_datetime_utc={BridgeUpload.Stamp(now.AddDays(-1))}&to_datetime_utc={BridgeUpload.Stamp(now)}", Ct);
        var events = JsonDocument.Parse(await read.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("watering_events");
        using var browser = await session.BrowserAsync();
        var page = await browser.GetStringAsync($"/plants/{session.AliceLocation}?span=day", Ct);

        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal(1, events.GetArrayLength());
        Assert.Equal(BridgeUpload.Stamp(watered), events[0].GetProperty("watering_datetime_utc").GetString());
        Assert.Contains("class=\"water\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watering_at_a_time_that_is_not_one_is_refused_with_9057_and_nothing_is_stored()
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        using var bridge = await UploadTests.BridgeAsync(session, ServerSession.Alice);
        var status = new JsonObject
        {
            ["client_datetime_utc"] = BridgeUpload.Stamp(DateTimeOffset.UtcNow),
            ["update_status"] = new JsonArray(new JsonObject
            {
                ["location_identifier"] = session.AliceLocation,
                ["status_creation_datetime_utc"] = BridgeUpload.Stamp(DateTimeOffset.UtcNow),
                ["watering"] = new JsonObject { ["done_action_datetime_utc"] = "yesterday-ish" },
            }),
        }.ToJsonString();

        using var answer = await UploadTests.PutAsync(bridge, "garden/v1/status", status);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("9057", await answer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(session, "SELECT COUNT(*) FROM waterings"));
        Assert.Equal(0, await CountAsync(session, "SELECT COUNT(*) FROM uploads"));
    }

    private static string TwoSensors(DateTimeOffset now)
    {
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-3);
        var first = new BridgeUpload(ServerSession.AliceSensor, start, now);
        var second = new BridgeUpload(SecondSensor, start, now);
        var secondJson = JsonNode.Parse(second.Json())!;
        var both = JsonNode.Parse(first.Json())!;
        both["session_histories"]!.AsArray().Add(secondJson["session_histories"]![0]!.DeepClone());
        both["uploads"]!.AsArray().Add(secondJson["uploads"]![0]!.DeepClone());
        return both.ToJsonString();
    }

    private static async Task<long> StatusVersionAsync(HttpClient bridge) =>
        JsonDocument.Parse(await bridge.GetStringAsync("user/v1/versions", Ct)).RootElement.GetProperty("garden_status_version").GetInt64();

    private static async Task<long> IdAsync(ServerSession session, string location) =>
        await CountAsync(session, "SELECT id FROM locations WHERE location_identifier = '" + location + "'");

    private static async Task<long> CountAsync(ServerSession session, string sql)
    {
        await using var connection = await session.OpenDatabase().OpenAsync(Ct);
        return await connection.ScalarAsync<long>(null, sql, Ct);
    }
}
