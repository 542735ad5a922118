using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using FlowerPower.Cloud.Tests.TestSupport;

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
        var measurements = new ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
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
            measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        meters.Start();
        using var client = new FlowerPowerClient(_cloud.Options());
        using var parent = new Activity("telemetry-test").Start();

        await client.GetVersionsAsync(TestContext.Current.CancellationToken);

        // Listeners are process-wide and tests run in parallel: only this test's trace counts.
        var activity = Assert.Single(activities, a => a.TraceId == parent.TraceId);
        Assert.Equal("FlowerPower GetVersions", activity.DisplayName);
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal("success", activity.GetTagItem("flowerpower.outcome"));
        Assert.Contains(measurements, m => m.Instrument == "flowerpower.client.operations" && Equals(m.Tags["operation"], "GetVersions") && Equals(m.Tags["outcome"], "success"));
        Assert.Contains(measurements, m => m.Instrument == "flowerpower.client.token_requests" && Equals(m.Tags["grant_type"], "password"));
    }
}
