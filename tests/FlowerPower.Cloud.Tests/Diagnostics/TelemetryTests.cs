using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using FlowerPower.Cloud.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Tests.Diagnostics;

public sealed class TelemetryTests : IDisposable
{
    private readonly StubCloud _cloud = new();

    public TelemetryTests() => _cloud.WithPasswordGrant().WithGet("/user/v1/versions", StubCloud.EmptyEnvelope);

    public void Dispose() => _cloud.Dispose();

    [Fact]
    public async Task Each_operation_is_an_activity_and_a_counted_measurement_named_flowerpower_cloud()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "FlowerPower.Cloud",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        // The meter is static and other tests' clients record on it in parallel: each measurement is kept with the
        // trace it was recorded in (the ambient activity), and only this test's trace is judged.
        var measurements = new ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags, ActivityTraceId? Trace)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "FlowerPower.Cloud")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value), Activity.Current?.TraceId)));
        meters.Start();
        using var client = new FlowerPowerClient(_cloud.Options());
        using var parent = new Activity("telemetry-test").Start();

        await client.GetVersionsAsync(TestContext.Current.CancellationToken);

        // Listeners are process-wide and tests run in parallel: only this test's trace counts.
        var activity = Assert.Single(activities, a => a.TraceId == parent.TraceId);
        Assert.Equal("FlowerPower GetVersions", activity.DisplayName);
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal("success", activity.GetTagItem("flowerpower.outcome"));
        var mine = measurements.Where(m => m.Trace == parent.TraceId).ToList();
        var operation = Assert.Single(mine, m => m.Instrument == "flowerpower.client.operations");
        Assert.Equal(("GetVersions", "success", 1L), (operation.Tags["operation"], operation.Tags["outcome"], operation.Value));
        var token = Assert.Single(mine, m => m.Instrument == "flowerpower.client.token_requests");
        Assert.Equal(("password", "success"), (token.Tags["grant_type"], token.Tags["outcome"]));
    }

    [Fact]
    public async Task The_http_clients_own_spans_are_children_of_the_operations_activity()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is FlowerPowerDiagnostics.Name or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var client = new FlowerPowerClient(_cloud.Options());
        using var parent = new Activity("telemetry-test").Start();

        await client.GetVersionsAsync(TestContext.Current.CancellationToken);

        var mine = activities.Where(a => a.TraceId == parent.TraceId).ToList();
        var operation = Assert.Single(mine, a => a.Source.Name == FlowerPowerDiagnostics.Name);
        var requests = mine.Where(a => a.Source.Name == "System.Net.Http").ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(operation.SpanId, r.ParentSpanId));
    }

    [Fact]
    public async Task Logs_carry_stable_event_ids_for_sign_in_retry_and_failure_and_no_secret()
    {
        var logs = new Microsoft.Extensions.Logging.Testing.FakeLogCollector();
        using var factory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(new Microsoft.Extensions.Logging.Testing.FakeLoggerProvider(logs)).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace));
        _cloud.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/garden/v1/status").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(503));
        using var client = new FlowerPowerClient(_cloud.Options(o => o.Retry.MaxRetryAttempts = 1), factory);

        await client.GetVersionsAsync(TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<FlowerPowerServerException>(() => client.GetGardenStatusAsync(TestContext.Current.CancellationToken));

        var records = logs.GetSnapshot();
        Assert.Contains(records, r => r.Id.Id == 1001);
        Assert.Contains(records, r => r.Id.Id == 1002);
        Assert.Contains(records, r => r.Id.Id == 2001);
        Assert.Contains(records, r => r.Id.Id == 3002);
        var all = string.Join("\n", records.Select(r => r.Message + " " + string.Join(" ", r.StructuredState?.Select(kv => kv.Value) ?? [])));
        foreach (var secret in TestCredentials.Secrets)
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }
    }
}
