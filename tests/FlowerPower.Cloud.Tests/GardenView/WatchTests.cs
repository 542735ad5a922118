using FlowerPower.Cloud.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace FlowerPower.Cloud.Tests.GardenView;

/// <summary>Watching polls only the versions endpoint and yields only when a version grew; time is fake.</summary>
public sealed class WatchTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);
    private readonly StubCloud _cloud = new();
    private readonly TimerWatchingTimeProvider _time = new(new DateTimeOffset(2019, 2, 1, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _cloud.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_item_raises_every_alert_and_the_next_comes_only_after_a_version_grew()
    {
        Serve(statusVersion: 5, Status(watering: "status_critical", light: "status_ok"));
        using var client = new FlowerPowerClient(_cloud.Options(), timeProvider: _time);
        await using var changes = client.WatchAsync(Interval, Ct).GetAsyncEnumerator(Ct);

        Assert.True(await changes.MoveNextAsync());
        var first = changes.Current;
        Assert.Equal(PlantAlertKind.Watering, Assert.Single(first.RaisedAlerts).Kind);
        Assert.Empty(first.ClearedAlerts);
        Assert.Equal(5, first.Versions.GardenStatusVersion);

        // A poll that finds nothing new yields nothing and refetches nothing.
        var next = changes.MoveNextAsync().AsTask();
        await Tick();
        await Tick();
        Assert.False(next.IsCompleted);
        Assert.Equal(3, _cloud.Requests("/user/v1/versions").Count);
        Assert.Single(_cloud.Requests("/garden/v1/status"));

        // The status changes and its version grows: the next poll refetches the status only.
        Serve(statusVersion: 6, Status(watering: "status_ok", light: "status_warning"));
        await Tick();
        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        var second = changes.Current;
        Assert.Equal(PlantAlertKind.Light, Assert.Single(second.RaisedAlerts).Kind);
        Assert.Equal(PlantAlertKind.Watering, Assert.Single(second.ClearedAlerts).Kind);
        Assert.Equal(6, second.Versions.GardenStatusVersion);
        Assert.Single(_cloud.Requests("/garden/v1/status"));
        Assert.Empty(_cloud.Requests("/garden/v2/configuration"));
        Assert.Empty(_cloud.Requests("/user/v4/profile"));
        Assert.Equal("Europe/Budapest", second.Garden.Profile?.UtcTimezone);
    }

    [Fact]
    public async Task A_failing_poll_does_not_end_the_stream_and_cancellation_does()
    {
        Serve(statusVersion: 5, Status(watering: "status_ok", light: "status_ok"));
        var options = _cloud.Options(o => o.Retry.MaxRetryAttempts = 0);
        using var client = new FlowerPowerClient(options, timeProvider: _time);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var changes = client.WatchAsync(Interval, cancel.Token).GetAsyncEnumerator(cancel.Token);
        Assert.True(await changes.MoveNextAsync());

        _cloud.Server.ResetMappings();
        _cloud.Server.Given(Request.Create().WithPath("/user/v1/versions").UsingGet()).RespondWith(Response.Create().WithStatusCode(503));
        var next = changes.MoveNextAsync().AsTask();
        await Tick();
        await Tick();
        Assert.False(next.IsCompleted);
        Assert.True(_cloud.Requests("/user/v1/versions").Count >= 3);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    /// <summary>Lets the watcher's wait begin, then ends it, then waits for the poll it starts to be answered.</summary>
    private async Task Tick()
    {
        var polls = _cloud.Requests("/user/v1/versions").Count;
        await _time.WaitForTimerAsync(Interval, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        _time.Advance(Interval);
        await _cloud.WaitForRequestsAfterAsync("/user/v1/versions", polls, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    private void Serve(long statusVersion, string status)
    {
        _cloud.Server.ResetMappings();
        _cloud.Server.ResetLogEntries();
        _cloud.WithPasswordGrant();
        _cloud.WithGet("/user/v1/versions", $$"""{"errors":[],"user_config_version":3,"garden_status_version":{{statusVersion}}}""");
        _cloud.WithGet("/garden/v2/configuration", """{"errors":[],"locations":[{"location_identifier":"L1","plant_nickname":"Basil","sensor":{"sensor_serial":"PI1"}}],"user_config_version":3}""");
        _cloud.WithGet("/garden/v1/status", status);
        _cloud.WithGet("/user/v4/profile", """{"errors":[],"user_profile":{"email":"basil@example.invalid","use_lux":true,"utc_timezone":"Europe/Budapest"}}""");
    }

    private static string Status(string watering, string light) =>
        $$$"""{"errors":[],"locations":[{"location_identifier":"L1","watering":{"status_key":"{{{watering}}}","instruction_key":"soil_moisture_too_low"},"light":{"status_key":"{{{light}}}","instruction_key":"light_too_low"}}]}""";
}
