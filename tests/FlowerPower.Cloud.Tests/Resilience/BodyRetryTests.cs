using System.Net;
using FlowerPower.Cloud.Emulator;
using FlowerPower.Cloud.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace FlowerPower.Cloud.Tests.Resilience;

/// <summary>Reading the body is part of the attempt: a body cut off on the way is retried like a transport failure.</summary>
public sealed class BodyRetryTests : IDisposable
{
    private const string Status = "/garden/v1/status";
    private readonly StubCloud _cloud = new();
    private readonly TimerWatchingTimeProvider _time = new(new DateTimeOffset(2019, 2, 1, 8, 0, 0, TimeSpan.Zero));

    public BodyRetryTests() => _cloud.WithPasswordGrant();

    public void Dispose() => _cloud.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_200_whose_json_ends_early_is_retried_and_then_succeeds()
    {
        var full = Fixtures.Read("bela_status.json");
        Sequence(StubCloud.Json(full[..(full.Length / 2)]), StubCloud.Json(full));
        using var client = new FlowerPowerClient(_cloud.Options(), timeProvider: _time);

        var status = await client.GetGardenStatusAsync(Ct);

        Assert.Single(status.Locations);
        Assert.Equal(2, _cloud.Requests(Status).Count);
    }

    [Fact]
    public async Task A_json_body_that_always_ends_early_spends_the_retry_budget_and_is_a_response_exception()
    {
        var full = Fixtures.Read("bela_status.json");
        _cloud.WithGet(Status, full[..(full.Length / 2)]);
        using var client = new FlowerPowerClient(_cloud.Options(o => o.Retry.MaxRetryAttempts = 2), timeProvider: _time);

        var error = await Assert.ThrowsAsync<FlowerPowerResponseException>(() => client.GetGardenStatusAsync(Ct));

        Assert.Equal(3, _cloud.Requests(Status).Count);
        Assert.Equal(3, error.Attempts);
        Assert.Contains("cut off", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 attempts", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("{", error.BodyPreview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_dropped_mid_body_is_retried_and_then_succeeds()
    {
        await using var emulator = await FlowerPowerEmulator.StartAsync(cancellationToken: Ct);
        emulator.Faults.FailNext(EmulatorFault.CutBody, 2);
        var options = emulator.CreateClientOptions();
        options.Retry.Delay = TimeSpan.Zero;
        using var client = new FlowerPowerClient(options, timeProvider: _time);

        var versions = await client.GetVersionsAsync(Ct);

        Assert.NotNull(versions.UserConfigVersion);
    }

    [Fact]
    public async Task A_connection_always_dropped_mid_body_is_a_transport_exception_after_the_budget()
    {
        await using var emulator = await FlowerPowerEmulator.StartAsync(cancellationToken: Ct);
        emulator.Faults.CutBodyRate = 1;
        var options = emulator.CreateClientOptions();
        options.Retry.MaxRetryAttempts = 2;
        options.Retry.Delay = TimeSpan.Zero;
        using var client = new FlowerPowerClient(options, timeProvider: _time);

        var error = await Assert.ThrowsAsync<FlowerPowerTransportException>(() => client.GetVersionsAsync(Ct));

        Assert.Equal(3, error.Attempts);
        Assert.Contains("3 attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_of_the_wrong_shape_is_not_retried()
    {
        _cloud.WithGet(Status, """{"locations":{"not":"an array"}}""");
        using var client = new FlowerPowerClient(_cloud.Options(), timeProvider: _time);

        await Assert.ThrowsAsync<FlowerPowerResponseException>(() => client.GetGardenStatusAsync(Ct));

        Assert.Single(_cloud.Requests(Status));
    }

    [Fact]
    public async Task A_body_that_stalls_is_cut_by_the_attempt_timeout_and_retried_within_the_call_timeout()
    {
        var handler = new ScriptedHandler((_, attempt, ct) => Task.FromResult(attempt == 1
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallingStream()) }
            : ScriptedHandler.Json(HttpStatusCode.OK, Fixtures.Read("bela_status.json"))));
        var options = TestCredentials.Options(new Uri("https://flowerpower.test"));
        options.Retry.AttemptTimeout = TimeSpan.FromSeconds(10);
        using var client = new FlowerPowerClient(options, timeProvider: _time, primaryHandler: handler);

        // The attempt's timeout is armed before its request is sent, so once the attempt has started the clock can move.
        var call = client.GetGardenStatusAsync(Ct);
        Assert.Equal(1, await handler.NextAttemptStarted(Ct));
        _time.Advance(TimeSpan.FromSeconds(10));

        var status = await call.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Single(status.Locations);
        Assert.Equal(2, handler.ResourceAttempts);
    }

    private void Sequence(params IResponseBuilder[] responses)
    {
        for (var i = 0; i < responses.Length; i++)
        {
            var mapping = _cloud.Server.Given(Request.Create().WithPath(Status).UsingGet()).InScenario("cut");
            mapping = i == 0 ? mapping : mapping.WhenStateIs($"step{i}");
            mapping.WillSetStateTo($"step{i + 1}").RespondWith(responses[i]);
        }
    }

    /// <summary>A body that sends its first bytes and then nothing, until the reader gives up.</summary>
    private sealed class StallingStream : Stream
    {
        private bool _sent;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_sent)
            {
                _sent = true;
                buffer.Span[0] = (byte)'{';
                return 1;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
