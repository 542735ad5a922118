using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowerPower.Cloud.Server.Storage;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>Uploads from Parrot's sensor bridge: decoded, dated by their sessions, read back by the SDK, and refused whole when bad.</summary>
public sealed class UploadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_history_buffer_round_trips_to_the_samples_endpoint_with_its_times_and_converted_values(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        var now = DateTimeOffset.UtcNow;
        var upload = new BridgeUpload(ServerSession.AliceSensor, Minute(now.AddHours(-5)), now);
        using var http = await BridgeAsync(session, ServerSession.Alice);
        using var client = new FlowerPowerClient(session.Options());
        var before = await client.GetVersionsAsync(Ct);

        using var response = await PutAsync(http, "sensor_data/v8/sample", upload.Json());
        var samples = await client.GetSamplesAsync(session.AliceLocation, upload.SessionStart.AddMinutes(-1), now, Ct);
        var status = await client.GetGardenStatusAsync(Ct);
        var after = await client.GetVersionsAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSamples(upload.Expected, samples.Samples);
        var location = Assert.Single(status.Locations);
        Assert.Equal(upload.ReachedIndex, location.Sensor!.CurrentHistoryIndex);
        Assert.Equal(6, location.TotalSampleCount);
        Assert.True(after.GardenStatusVersion > before.GardenStatusVersion);
        Assert.Equal(1, await CountAsync(session, "SELECT COUNT(*) FROM uploads WHERE kind = 'sample'"));
        Assert.Equal(6, await CountAsync(session, "SELECT COUNT(*) FROM samples WHERE raw_light IS NOT NULL AND raw_soil_vwc IS NOT NULL AND raw_soil_ec IS NOT NULL"));
        var soil = await SoilTemperaturesAsync(session);
        Assert.Equal(upload.Expected.Select(e => e.SoilTemperature), soil, (a, b) => Math.Abs(a - b) < 0.006);
    }

    /// <summary>The samples read back are the expected ones: times exactly, values within the rounding to 0.01 (battery 0.1).</summary>
    internal static void AssertSamples(IReadOnlyList<BridgeUpload.ExpectedSample> expected, IReadOnlyList<Sample> actual)
    {
        Assert.Equal(expected.Select(e => e.At), actual.Select(s => s.CaptureDatetimeUtc!.Value));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Light, actual[i].Light!.Value, 0.006);
            Assert.Equal(expected[i].SoilMoisture, actual[i].SoilMoisturePercent!.Value, 0.006);
            Assert.Equal(expected[i].AirTemperature, actual[i].AirTemperatureCelsius!.Value, 0.006);
            Assert.Equal(expected[i].Battery, actual[i].BatteryPercent!.Value, 0.06);
            Assert.Null(actual[i].FertilizerLevel);
        }
    }

    internal static async Task<List<double>> SoilTemperaturesAsync(ServerSession session)
    {
        await using var connection = await session.OpenDatabase().OpenAsync(Ct);
        await using var command = connection.Command(null, "SELECT soil_temperature FROM samples ORDER BY capture_ms");
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var values = new List<double>();
        while (await reader.ReadAsync(Ct))
        {
            values.Add(reader.GetDouble(0));
        }

        return values;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_same_upload_twice_stores_the_request_twice_and_the_samples_once(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        var upload = new BridgeUpload(ServerSession.AliceSensor, Minute(DateTimeOffset.UtcNow.AddHours(-5)), DateTimeOffset.UtcNow);
        using var http = await BridgeAsync(session, ServerSession.Alice);

        (await PutAsync(http, "sensor_data/v8/sample", upload.Json())).Dispose();
        (await PutAsync(http, "sensor_data/v8/sample", upload.Json())).Dispose();

        Assert.Equal(2, await CountAsync(session, "SELECT COUNT(*) FROM uploads"));
        Assert.Equal(6, await CountAsync(session, "SELECT COUNT(*) FROM samples"));
    }

    public static TheoryData<string, long> LongLivedSensors() => new()
    {
        { TestDatabase.Sqlite, 65_530 },
        { TestDatabase.Postgres, 65_530 },
        { TestDatabase.Sqlite, 2_147_483_648 },
        { TestDatabase.Postgres, 4_294_967_290 },
    };

    [Theory]
    [MemberData(nameof(LongLivedSensors))]
    public async Task A_sensor_past_65535_entries_lands_in_order_and_its_history_index_keeps_growing(string kind, long sessionStartIndex)
    {
        await using var session = await ServerSession.StartAsync(kind);
        var now = DateTimeOffset.UtcNow;
        var start = Minute(now.AddHours(-5));
        var first = new BridgeUpload(ServerSession.AliceSensor, start, now, sessionStartIndex);
        var second = new BridgeUpload(ServerSession.AliceSensor, start, now, sessionStartIndex, entriesBefore: 3);
        using var http = await BridgeAsync(session, ServerSession.Alice);
        using var client = new FlowerPowerClient(session.Options());

        using var one = await PutAsync(http, "sensor_data/v8/sample", first.Json());
        var indexAfterFirst = (await client.GetGardenStatusAsync(Ct)).Locations[0].Sensor!.CurrentHistoryIndex;
        using var two = await PutAsync(http, "sensor_data/v8/sample", second.Json());
        var indexAfterSecond = (await client.GetGardenStatusAsync(Ct)).Locations[0].Sensor!.CurrentHistoryIndex;
        var samples = await client.GetSamplesAsync(session.AliceLocation, start.AddMinutes(-1), now, Ct);

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.OK, two.StatusCode);
        Assert.Equal(sessionStartIndex + 6, indexAfterFirst);
        Assert.Equal(sessionStartIndex + 9, indexAfterSecond);
        Assert.Equal(Enumerable.Range(0, 9).Select(i => start.AddSeconds(900 * i)), samples.Samples.Select(s => s.CaptureDatetimeUtc!.Value));
    }

    [Fact]
    public async Task A_light_reading_of_0_is_stored_as_the_top_of_the_range()
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        var now = DateTimeOffset.UtcNow;
        var upload = new BridgeUpload(ServerSession.AliceSensor, Minute(now.AddHours(-5)), now);
        ushort[][] dark = [.. BridgeUpload.Readings.Select(r => new ushort[] { r[0], 0, r[2], r[3], r[4], r[5] })];
        var json = upload.Json(body => ((List<Dictionary<string, object?>>)body["uploads"]!)[0]["buffer_base64"] =
            Convert.ToBase64String(BridgeUpload.Lay(4_500, 100, 105, BridgeUpload.SessionId, 900, dark)));
        using var http = await BridgeAsync(session, ServerSession.Alice);
        using var client = new FlowerPowerClient(session.Options());

        using var response = await PutAsync(http, "sensor_data/v8/sample", json);
        var samples = await client.GetSamplesAsync(session.AliceLocation, upload.SessionStart.AddMinutes(-1), now, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(6, samples.Samples.Count);
        Assert.All(samples.Samples, s => Assert.Equal(104, s.Light));
    }

    public static TheoryData<string, string, int> BadUploads() => new()
    {
        { TestDatabase.Sqlite, "session without its period", 9058 },
        { TestDatabase.Sqlite, "session in the future", 9061 },
        { TestDatabase.Sqlite, "device clock a week off", 9044 },
        { TestDatabase.Sqlite, "no device time", 9043 },
        { TestDatabase.Sqlite, "another user's sensor", 9070 },
        { TestDatabase.Sqlite, "a buffer cut short", 9066 },
        { TestDatabase.Sqlite, "a session the buffer uses is missing", 9058 },
        { TestDatabase.Sqlite, "a first index after the last", 9066 },
        { TestDatabase.Sqlite, "a period of 0", 9066 },
        { TestDatabase.Sqlite, "more entries than the indexes span", 9066 },
        { TestDatabase.Sqlite, "entries before index 0", 9066 },
        { TestDatabase.Sqlite, "entries dated before 2013", 9066 },
        { TestDatabase.Sqlite, "a session start index past 32 bits", 9058 },
        { TestDatabase.Sqlite, "a negative session start index", 9058 },
        { TestDatabase.Sqlite, "a session id past 16 bits", 9058 },
        { TestDatabase.Postgres, "a first index after the last", 9066 },
        { TestDatabase.Postgres, "another user's sensor", 9070 },
        { TestDatabase.Postgres, "session in the future", 9061 },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task A_bad_upload_gets_the_references_code_and_nothing_is_stored(string kind, string defect, int code)
    {
        await using var session = await ServerSession.StartAsync(kind);
        var now = DateTimeOffset.UtcNow;
        var upload = new BridgeUpload(defect == "another user's sensor" ? ServerSession.BobSensor : ServerSession.AliceSensor, Minute(now.AddHours(-5)), now);
        var json = upload.Json(body =>
        {
            var sessions = (List<Dictionary<string, object?>>)body["session_histories"]!;
            var uploads = (List<Dictionary<string, object?>>)body["uploads"]!;
            switch (defect)
            {
                case "session without its period":
                    sessions[0].Remove("sample_measure_period");
                    break;
                case "session in the future":
                    sessions[0]["sensor_startup_timestamp_utc"] = BridgeUpload.Stamp(now.AddDays(3));
                    break;
                case "device clock a week off":
                    body["client_datetime_utc"] = BridgeUpload.Stamp(now.AddDays(-7));
                    break;
                case "no device time":
                    body.Remove("client_datetime_utc");
                    break;
                case "a buffer cut short":
                    uploads[0]["buffer_base64"] = Convert.ToBase64String(upload.Buffer[..^5]);
                    break;
                case "a session the buffer uses is missing":
                    sessions[0]["session_id"] = 4;
                    break;
                case "a first index after the last":
                    uploads[0]["buffer_base64"] = Convert.ToBase64String(BridgeUpload.Lay(4500, 200, 195, BridgeUpload.SessionId, 900, BridgeUpload.Readings));
                    break;
                case "a period of 0":
                    uploads[0]["buffer_base64"] = Convert.ToBase64String(BridgeUpload.Lay(4500, 100, 105, BridgeUpload.SessionId, 0, BridgeUpload.Readings));
                    break;
                case "more entries than the indexes span":
                    uploads[0]["buffer_base64"] = Convert.ToBase64String(BridgeUpload.Lay(4500, 100, 102, BridgeUpload.SessionId, 900, BridgeUpload.Readings));
                    break;
                case "entries before index 0":
                    sessions[0]["session_start_index"] = 0;
                    uploads[0]["buffer_base64"] = Convert.ToBase64String(BridgeUpload.Lay(4500, 65534, 3, BridgeUpload.SessionId, 900, BridgeUpload.Readings));
                    break;
                case "entries dated before 2013":
                    sessions[0]["sensor_startup_timestamp_utc"] = "2013-01-01T00:30:00Z";
                    uploads[0]["buffer_base64"] = Convert.ToBase64String(BridgeUpload.Lay(0, 100, 105, BridgeUpload.SessionId, 900, BridgeUpload.Readings));
                    break;
                case "a session start index past 32 bits":
                    sessions[0]["session_start_index"] = 1L << 32;
                    break;
                case "a negative session start index":
                    sessions[0]["session_start_index"] = -9_000_000_000_000_000_000;
                    break;
                case "a session id past 16 bits":
                    sessions[0]["session_id"] = 65536 + BridgeUpload.SessionId;
                    break;
            }
        });
        using var http = await BridgeAsync(session, ServerSession.Alice);

        using var response = await PutAsync(http, "sensor_data/v8/sample", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors")[0];
        Assert.Equal(code, error.GetProperty("error_code").GetInt32());
        Assert.Equal(0, await CountAsync(session, "SELECT COUNT(*) FROM samples"));
        Assert.Equal(0, await CountAsync(session, "SELECT COUNT(*) FROM uploads"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_status_update_is_stored_and_grows_the_status_version(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        using var http = await BridgeAsync(session, ServerSession.Alice);
        using var client = new FlowerPowerClient(session.Options());
        var before = await client.GetVersionsAsync(Ct);

        using var response = await PutAsync(http, "garden/v1/status", StatusJson(session.AliceLocation, BridgeUpload.Stamp(DateTimeOffset.UtcNow)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await client.GetVersionsAsync(Ct)).GardenStatusVersion > before.GardenStatusVersion);
        Assert.Equal(1, await CountAsync(session, "SELECT COUNT(*) FROM uploads WHERE kind = 'status'"));
    }

    [Theory]
    [InlineData("someone else's location", 9070)]
    [InlineData("a creation time that is no time", 9068)]
    public async Task A_bad_status_update_gets_the_references_code_and_nothing_is_stored(string defect, int code)
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        using var http = await BridgeAsync(session, ServerSession.Alice);
        var json = defect == "someone else's location"
            ? StatusJson(session.BobLocation, BridgeUpload.Stamp(DateTimeOffset.UtcNow))
            : StatusJson(session.AliceLocation, "yesterday-ish");

        using var response = await PutAsync(http, "garden/v1/status", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors")[0].GetProperty("error_code").GetInt32());
        Assert.Equal(0, await CountAsync(session, "SELECT COUNT(*) FROM uploads"));
    }

    internal static string StatusJson(string location, string created) => new JsonObject
    {
        ["client_datetime_utc"] = BridgeUpload.Stamp(DateTimeOffset.UtcNow),
        ["user_config_version"] = 2,
        ["update_status"] = new JsonArray(new JsonObject
        {
            ["location_identifier"] = location,
            ["status_creation_datetime_utc"] = created,
            ["watering"] = new JsonObject { ["soil_moisture"] = new JsonObject { ["status_key"] = "status_ok" } },
        }),
    }.ToJsonString();

    internal static async Task<HttpClient> BridgeAsync(ServerSession session, string user)
    {
        var http = new HttpClient { BaseAddress = session.Server.BaseAddress };
        using var response = await http.PostAsync("user/v2/authenticate", new FormUrlEncodedContent(ServerSession.PasswordForm(user)), Ct);
        var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    internal static Task<HttpResponseMessage> PutAsync(HttpClient http, string path, string json) =>
        http.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);

    private static async Task<long> CountAsync(ServerSession session, string sql)
    {
        await using var connection = await session.OpenDatabase().OpenAsync(Ct);
        return await connection.ScalarAsync<long>(null, sql, Ct);
    }
}
