using System.Net;
using System.Text.Json;
using FlowerPower.Cloud.Emulator;
using FlowerPower.Cloud.Tests.TestSupport;
using WireMock.RequestBuilders;

namespace FlowerPower.Cloud.Tests.Api;

/// <summary>
/// The SDK's write side, as a bridge uses it: <c>PUT /sensor_data/v8/sample</c> and <c>PUT /garden/v1/status</c> with
/// the same sign-in, retries and typed errors as every read; the body on the wire as Parrot's bridge sent it.
/// </summary>
public sealed class UploadCallsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_upload_reaches_the_emulator_and_its_status_version_grows()
    {
        await using var emulator = await FlowerPowerEmulator.StartAsync(cancellationToken: Ct);
        using var client = new FlowerPowerClient(emulator.CreateClientOptions());
        var sensor = (await client.GetGardenConfigurationAsync(Ct)).Locations.First(l => l.Sensor?.SensorSerial is not null).Sensor!.SensorSerial!;
        var before = (await client.GetVersionsAsync(Ct)).GardenStatusVersion;

        var after = await client.UploadSamplesAsync(Upload(sensor, DateTimeOffset.UtcNow), Ct);

        Assert.True(after.GardenStatusVersion > before, $"status version {before} -> {after.GardenStatusVersion}");
    }

    [Fact]
    public async Task The_upload_goes_out_as_the_bridge_sent_it_and_is_sent_again_whole_after_a_server_error()
    {
        using var stub = new StubCloud().WithPasswordGrant();
        stub.Server.Given(Request.Create().WithPath("/sensor_data/v8/sample").UsingPut()).InScenario("flaky").WillSetStateTo("failed once")
            .RespondWith(StubCloud.Json("""{"errors":[{"error_code":500,"error_message":"busy"}]}""", HttpStatusCode.ServiceUnavailable));
        stub.Server.Given(Request.Create().WithPath("/sensor_data/v8/sample").UsingPut()).InScenario("flaky").WhenStateIs("failed once")
            .RespondWith(StubCloud.Json(StubCloud.EmptyEnvelope));
        using var client = new FlowerPowerClient(stub.Options());
        var now = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

        var versions = await client.UploadSamplesAsync(Upload("PI040307AD5G200185", now), Ct);

        var sent = stub.Requests("/sensor_data/v8/sample");
        Assert.Equal(2, sent.Count);
        Assert.Equal(sent[0].Body, sent[1].Body);
        Assert.StartsWith("Bearer ", sent[1].Headers!["Authorization"].Single(), StringComparison.Ordinal);
        var body = JsonDocument.Parse(sent[1].Body!).RootElement;
        Assert.Equal("2026-12-02T10:00:00Z", body.GetProperty("client_datetime_utc").GetString());
        Assert.Equal("PI040307AD5G200185", body.GetProperty("session_histories")[0].GetProperty("sensor_serial").GetString());
        Assert.Equal(3, body.GetProperty("session_histories")[0].GetProperty("session_id").GetInt32());
        Assert.Equal(900, body.GetProperty("session_histories")[0].GetProperty("sample_measure_period").GetInt32());
        Assert.Equal("2026-12-02T06:00:00Z", body.GetProperty("session_histories")[0].GetProperty("sensor_startup_timestamp_utc").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("uploads")[0].GetProperty("buffer_base64").GetString()));
        Assert.Equal(2, versions.GardenStatusVersion);
    }

    [Theory]
    [InlineData(9070, typeof(FlowerPowerNotFoundException))]
    [InlineData(9066, typeof(FlowerPowerValidationException))]
    [InlineData(9058, typeof(FlowerPowerValidationException))]
    [InlineData(9043, typeof(FlowerPowerValidationException))]
    public async Task A_refused_upload_is_the_references_typed_error(int code, Type expected)
    {
        using var stub = new StubCloud().WithPasswordGrant();
        stub.Server.Given(Request.Create().WithPath("/sensor_data/v8/sample").UsingPut())
            .RespondWith(StubCloud.Json($$"""{"errors":[{"error_code":{{code}},"error_message":"refused"}],"user_config_version":1,"garden_status_version":2}""", HttpStatusCode.BadRequest));
        using var client = new FlowerPowerClient(stub.Options());

        var error = await Assert.ThrowsAnyAsync<FlowerPowerApiException>(() => client.UploadSamplesAsync(Upload("PI040307AD5G200185", DateTimeOffset.UtcNow), Ct));

        Assert.IsType(expected, error);
        Assert.Equal(code, error.ErrorCode);
        Assert.Single(stub.Requests("/sensor_data/v8/sample"));
    }

    [Fact]
    public async Task A_watering_goes_out_as_a_status_update()
    {
        using var stub = new StubCloud().WithPasswordGrant();
        stub.Server.Given(Request.Create().WithPath("/garden/v1/status").UsingPut()).RespondWith(StubCloud.Json(StubCloud.EmptyEnvelope));
        using var client = new FlowerPowerClient(stub.Options());
        var now = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

        await client.UpdateGardenStatusAsync(new GardenStatusUpdate { ClientDatetimeUtc = now, UpdateStatus = [LocationStatusUpdate.Watered("basil", now.AddMinutes(-30), now)] }, Ct);

        var update = JsonDocument.Parse(stub.Requests("/garden/v1/status").Single().Body!).RootElement.GetProperty("update_status")[0];
        Assert.Equal("basil", update.GetProperty("location_identifier").GetString());
        Assert.Equal("2026-12-02T10:00:00Z", update.GetProperty("status_creation_datetime_utc").GetString());
        Assert.Equal("2026-12-02T09:30:00Z", update.GetProperty("watering").GetProperty("soil_moisture").GetProperty("done_action_datetime_utc").GetString());
    }

    [Fact]
    public async Task A_mock_of_the_interface_from_before_the_write_side_says_it_does_not_upload()
    {
        IFlowerPowerClient mock = new ReadOnlyClient();

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => mock.UploadSamplesAsync(new SampleUpload(), Ct));

        Assert.Contains(nameof(ReadOnlyClient), error.Message, StringComparison.Ordinal);
    }

    /// <summary>The bridge's upload of <see cref="BridgeUpload"/>'s six entries, session started four hours before <paramref name="now"/>.</summary>
    internal static SampleUpload Upload(string sensor, DateTimeOffset now)
    {
        var bridge = new BridgeUpload(sensor, now.AddHours(-4), now);
        return new SampleUpload
        {
            ClientDatetimeUtc = now,
            SessionHistories =
            [
                new SensorSessionHistory
                {
                    SensorSerial = sensor, SensorStartupTimestampUtc = bridge.SessionStart, SessionId = BridgeUpload.SessionId,
                    SessionStartIndex = bridge.SessionStartIndex, SampleMeasurePeriod = BridgeUpload.Period,
                },
            ],
            Uploads = [new SensorHistoryUpload { SensorSerial = sensor, UploadTimestampUtc = now, BufferBase64 = Convert.ToBase64String(bridge.Buffer), AppVersion = "tests" }],
        };
    }

    private sealed class ReadOnlyClient : IFlowerPowerClient
    {
        public Task<UserProfileResponse> GetProfileAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public Task<VersionsResponse> GetVersionsAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public Task<GardenConfigurationResponse> GetGardenConfigurationAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public Task<GardenConfigurationResponse> GetGardenConfigurationAsync(bool includeS3Urls, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public Task<GardenStatusResponse> GetGardenStatusAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public Task<SamplesResponse> GetSamplesAsync(string locationIdentifier, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public IAsyncEnumerable<Sample> StreamSamplesAsync(string locationIdentifier, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public Task<Garden> GetGardenAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public Task<IReadOnlyList<PlantAlert>> GetAlertsAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public IAsyncEnumerable<GardenChange> WatchAsync(TimeSpan interval, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    }
}
