using System.Net;
using FlowerPower.Cloud.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace FlowerPower.Cloud.Tests.Resilience;

public sealed class RetryPipelineTests : IDisposable
{
    private const string Status = "/garden/v1/status";
    private const int RetryingEvent = 2001;
    private readonly StubCloud _cloud = new();
    private readonly TimerWatchingTimeProvider _time = new(new DateTimeOffset(2019, 2, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly CapturingLoggerFactory _logs = new();

    public RetryPipelineTests() => _cloud.WithPasswordGrant();

    public void Dispose() => _cloud.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private void StubSequence(params int[] statuses)
    {
        for (var i = 0; i < statuses.Length; i++)
        {
            var request = Request.Create().WithPath(Status).UsingGet();
            var response = statuses[i] == 200
                ? StubCloud.Json(Fixtures.Read("bela_status.json"))
                : Response.Create().WithStatusCode(statuses[i]);
            var mapping = _cloud.Server.Given(request).InScenario("sequence");
            mapping = i == 0 ? mapping : mapping.WhenStateIs($"step{i}");
            mapping.WillSetStateTo($"step{i + 1}").RespondWith(response);
        }
    }

    [Fact]
    public async Task Two_503s_then_200_succeeds_on_the_third_attempt()
    {
        StubSequence(503, 503, 200);
        using var client = new FlowerPowerClient(_cloud.Options(), _logs, timeProvider: _time);

        var status = await client.GetGardenStatusAsync(Ct);

        Assert.Single(status.Locations);
        Assert.Equal(3, _cloud.Requests(Status).Count);
        Assert.Equal(2, _logs.Lines.Count(l => l.EventId.Id == RetryingEvent));
    }

    [Fact]
    public async Task A_400_is_attempted_once()
    {
        _cloud.WithGet(Status, """{"errors":[{"error_code":9066,"error_message":"Missed parameter"}]}""", HttpStatusCode.BadRequest);
        using var client = new FlowerPowerClient(_cloud.Options(), timeProvider: _time);

        await Assert.ThrowsAsync<FlowerPowerValidationException>(() => client.GetGardenStatusAsync(Ct));

        Assert.Single(_cloud.Requests(Status));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Exhausted_500s_throw_server_exception_after_max_retries_plus_one_attempts(int maxRetries)
    {
        _cloud.Server.Given(Request.Create().WithPath(Status).UsingGet()).RespondWith(Response.Create().WithStatusCode(500));
        using var client = new FlowerPowerClient(_cloud.Options(o => o.Retry.MaxRetryAttempts = maxRetries), timeProvider: _time);

        var error = await Assert.ThrowsAsync<FlowerPowerServerException>(() => client.GetGardenStatusAsync(Ct));

        Assert.Equal(maxRetries + 1, _cloud.Requests(Status).Count);
        Assert.Equal(maxRetries + 1, error.Attempts);
        Assert.Contains($"{maxRetries + 1} attempt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_with_retry_after_waits_exactly_that_long()
    {
        _cloud.Server.Given(Request.Create().WithPath(Status).UsingGet()).InScenario("429").WillSetStateTo("throttled")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "5"));
        _cloud.Server.Given(Request.Create().WithPath(Status).UsingGet()).InScenario("429").WhenStateIs("throttled")
            .RespondWith(StubCloud.Json(Fixtures.Read("bela_status.json")));
        using var client = new FlowerPowerClient(_cloud.Options(o => o.Retry.Delay = TimeSpan.FromMilliseconds(100)), _logs, timeProvider: _time);

        var call = client.GetGardenStatusAsync(Ct);
        var retry = await _logs.WaitFor(RetryingEvent).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(TimeSpan.FromSeconds(5), retry.State.Single(kv => kv.Key == "Delay").Value);
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(5), Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Single(_cloud.Requests(Status));
        _time.Advance(TimeSpan.FromSeconds(0.1));
        await call.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(2, _cloud.Requests(Status).Count);
    }

    [Fact]
    public async Task Retry_after_as_a_date_is_honoured_and_capped_by_max_delay()
    {
        var date = _time.GetUtcNow().AddHours(1).ToString("R");
        _cloud.Server.Given(Request.Create().WithPath(Status).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", date));
        using var client = new FlowerPowerClient(
            _cloud.Options(o => { o.Retry.MaxDelay = TimeSpan.FromSeconds(2); o.Retry.MaxRetryAttempts = 1; }), _logs, timeProvider: _time);

        var call = client.GetGardenStatusAsync(Ct);
        var retry = await _logs.WaitFor(RetryingEvent).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(2), Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.FromSeconds(2), retry.State.Single(kv => kv.Key == "Delay").Value);
        await Assert.ThrowsAsync<FlowerPowerServerException>(() => call.WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    [Fact]
    public async Task A_hanging_server_hits_the_attempt_timeout_then_the_overall_timeout()
    {
        var handler = new ScriptedHandler((_, _, ct) => ScriptedHandler.Hang(ct));
        var options = TestCredentials.Options(new Uri("https://flowerpower.test"));
        options.Retry.AttemptTimeout = TimeSpan.FromSeconds(10);
        options.Retry.MaxRetryAttempts = 5;
        options.Timeout = TimeSpan.FromSeconds(25);
        using var client = new FlowerPowerClient(options, timeProvider: _time, primaryHandler: handler);

        var call = client.GetGardenStatusAsync(Ct);
        Assert.Equal(1, await handler.NextAttemptStarted(Ct));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, await handler.NextAttemptStarted(Ct));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(3, await handler.NextAttemptStarted(Ct));
        _time.Advance(TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<FlowerPowerTransportException>(() => call.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.True(error.IsTimeout);
        Assert.Equal(3, handler.ResourceAttempts);
        Assert.Equal("GetGardenStatus", error.Operation);
        Assert.Contains("00:00:25", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_during_a_backoff_delay_returns_at_once()
    {
        _cloud.Server.Given(Request.Create().WithPath(Status).UsingGet()).RespondWith(Response.Create().WithStatusCode(503));
        using var client = new FlowerPowerClient(
            _cloud.Options(o => { o.Retry.Delay = TimeSpan.FromMinutes(30); o.Retry.MaxDelay = TimeSpan.FromHours(1); }), _logs, timeProvider: _time);
        using var cancel = new CancellationTokenSource();

        var call = client.GetGardenStatusAsync(cancel.Token);
        await _logs.WaitFor(RetryingEvent).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Single(_cloud.Requests(Status));
    }

    [Fact]
    public async Task The_circuit_breaker_opens_and_stops_sending()
    {
        _cloud.Server.Given(Request.Create().WithPath(Status).UsingGet()).RespondWith(Response.Create().WithStatusCode(500));
        using var client = new FlowerPowerClient(_cloud.Options(o => o.Retry.MaxRetryAttempts = 0), _logs, timeProvider: _time);

        for (var i = 0; i < 20; i++)
        {
            await Assert.ThrowsAsync<FlowerPowerServerException>(() => client.GetGardenStatusAsync(Ct));
        }

        var error = await Assert.ThrowsAsync<FlowerPowerTransportException>(() => client.GetGardenStatusAsync(Ct));

        Assert.True(error.IsCircuitOpen);
        Assert.Null(error.Attempts);
        Assert.Equal(20, _cloud.Requests(Status).Count);
        Assert.Contains(_logs.Lines, l => l.EventId.Id == 2002);

        _time.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAsync<FlowerPowerServerException>(() => client.GetGardenStatusAsync(Ct));
        Assert.Equal(21, _cloud.Requests(Status).Count);
    }

    [Fact]
    public async Task Max_retry_attempts_zero_turns_retries_off()
    {
        StubSequence(503, 200);
        using var client = new FlowerPowerClient(_cloud.Options(o => o.Retry.MaxRetryAttempts = 0), timeProvider: _time);

        await Assert.ThrowsAsync<FlowerPowerServerException>(() => client.GetGardenStatusAsync(Ct));

        Assert.Single(_cloud.Requests(Status));
    }

    [Fact]
    public async Task Token_requests_retry_on_5xx()
    {
        using var cloud = new StubCloud();
        cloud.Server.Given(StubCloud.Token("password")).InScenario("token").WillSetStateTo("down-once")
            .RespondWith(Response.Create().WithStatusCode(503));
        cloud.Server.Given(StubCloud.Token("password")).InScenario("token").WhenStateIs("down-once")
            .RespondWith(StubCloud.Json(TestCredentials.TokenJson(TestCredentials.AccessToken1, TestCredentials.RefreshToken1)));
        cloud.WithGet(Status, Fixtures.Read("bela_status.json"));
        using var client = new FlowerPowerClient(cloud.Options(), timeProvider: _time);

        await client.GetGardenStatusAsync(Ct);

        Assert.Equal(2, cloud.TokenRequests().Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(429)]
    public async Task Token_requests_never_retry_a_4xx(int status)
    {
        using var cloud = new StubCloud();
        cloud.Server.Given(StubCloud.Token("password")).RespondWith(StubCloud.Json("""{"error":"invalid_grant"}""", (HttpStatusCode)status));
        using var client = new FlowerPowerClient(cloud.Options(), timeProvider: _time);

        await Assert.ThrowsAnyAsync<FlowerPowerApiException>(() => client.GetGardenStatusAsync(Ct));

        Assert.Single(cloud.TokenRequests());
    }
}
