using System.Net;
using System.Net.Sockets;
using FlowerPower.Cloud.Sensor;
using FlowerPower.Cloud.Tests.TestSupport;
using FlowerPower.Cloud.Tests.TestSupport.Bluez;

namespace FlowerPower.Cloud.Tests.Bridge;

/// <summary>
/// End to end: a fake sensor on the fake BlueZ → the bridge → the real server (SQLite and PostgreSQL) → the SDK
/// reads back exactly the samples the raw readings give, dated right, exactly once, through dropped frames, a lost
/// link and a server outage.
/// </summary>
public sealed class BridgeSyncTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_sensors_history_lands_once_through_dropped_frames_a_lost_link_and_a_server_outage(string kind)
    {
        await using var rig = await BridgeRig.StartAsync(kind);
        var basil = rig.Bluez.Add(new FakeSensor("A0:14:3D:08:01:85", ServerSession.AliceSensor).WithHistory(300, 1299, DateTimeOffset.UtcNow.AddHours(-1)));
        var bobs = rig.Bluez.Add(new FakeSensor("A0:14:3D:08:BB:BB", ServerSession.BobSensor).WithHistory(20, 19, DateTimeOffset.UtcNow));
        basil.DropFrames.UnionWith([3, 150]);
        basil.DisconnectAtFrames.Add(100);

        var first = await rig.SyncAsync();

        Assert.True(first.Succeeded, string.Join(Environment.NewLine, first.Sensors.Select(s => s.Line)) + rig.Log);
        Assert.Equal([1000u, 1000u], basil.TransferStarts);
        Assert.Empty(bobs.TransferStarts);
        AssertSamples(basil, await rig.SamplesAsync());
        Assert.Equal(1300, await rig.HistoryIndexAsync());

        var again = await rig.SyncAsync();

        Assert.True(again.Succeeded);
        Assert.Contains("nothing new", again.Sensors.Single().Line, StringComparison.Ordinal);
        Assert.Equal(2, basil.TransferStarts.Count);

        basil.Measure(4);
        var down = await rig.SyncAsync(ClosedPort());

        Assert.False(down.Succeeded);
        Assert.Contains("spool", down.Sensors.Single().Line, StringComparison.Ordinal);
        Assert.Equal(1300u, basil.TransferStarts[^1]);
        Assert.Equal(300, (await rig.SamplesAsync()).Count);
        Assert.Single(Directory.GetFiles(Path.Combine(rig.StateDirectory, "spool"), "*.json"));

        var back = await rig.SyncAsync();

        Assert.True(back.Succeeded, string.Join(Environment.NewLine, back.Sensors.Select(s => s.Line)) + rig.Log);
        Assert.Equal(3, basil.TransferStarts.Count);
        Assert.Empty(Directory.GetFiles(Path.Combine(rig.StateDirectory, "spool"), "*.json"));
        AssertSamples(basil, await rig.SamplesAsync());
        Assert.Equal(1304, await rig.HistoryIndexAsync());
    }

    [Fact]
    public async Task The_same_entries_read_again_with_the_clock_a_second_off_are_no_new_samples()
    {
        await using var rig = await BridgeRig.StartAsync(TestDatabase.Sqlite);
        var basil = rig.Bluez.Add(new FakeSensor("A0:14:3D:08:01:85", ServerSession.AliceSensor).WithHistory(50, 1049, DateTimeOffset.UtcNow));
        var firstSync = await rig.SyncAsync();
        Assert.True(firstSync.Succeeded);
        Assert.Equal(50, (await rig.SamplesAsync()).Count);
        Assert.Equal(1050, await rig.HistoryIndexAsync());

        // The server forgets how far it got (an owner's restore of an older backup): the bridge downloads the same
        // entries again, and the sensor's clock now reads a second later against the bridge's.
        await using (var db = rig.Server.OpenDatabase())
        await using (var connection = await db.OpenAsync(Ct))
        {
            await FlowerPower.Cloud.Server.Storage.Db.ExecuteAsync(connection, null, "UPDATE locations SET current_history_index = 0", Ct);
            await FlowerPower.Cloud.Server.Storage.Db.ExecuteAsync(connection, null, "UPDATE users SET status_version = status_version + 1", Ct);
        }

        basil.StartupUtc = basil.StartupUtc.AddSeconds(1);
        var second = await rig.SyncAsync();
        Assert.True(second.Succeeded, second.Sensors.Single().Line);
        Assert.Contains("50 entries downloaded", second.Sensors.Single().Line, StringComparison.Ordinal);

        Assert.Equal(2, basil.TransferStarts.Count);
        Assert.Equal(50, (await rig.SamplesAsync()).Count);
    }

    [Fact]
    public async Task An_upload_naming_the_sensor_by_its_advertised_name_lands_in_the_location_that_has_that_name()
    {
        await using var rig = await BridgeRig.StartAsync(TestDatabase.Sqlite);
        var basil = rig.Bluez.Add(new FakeSensor("A0:14:3D:08:01:85", "A-SERIAL-THE-GARDEN-DOES-NOT-KNOW").WithHistory(10, 9, DateTimeOffset.UtcNow));

        var report = await rig.SyncAsync();

        Assert.True(report.Succeeded, rig.Log.ToString());
        Assert.Equal("Flower power 0185", basil.Name);
        Assert.Equal(10, (await rig.SamplesAsync()).Count);
    }

    private static void AssertSamples(FakeSensor sensor, IReadOnlyList<Sample> samples)
    {
        Assert.Equal(sensor.History.Count, samples.Count);
        foreach (var (sample, (index, raw)) in samples.OrderBy(s => s.CaptureDatetimeUtc).Zip(sensor.History))
        {
            Assert.InRange((sample.CaptureDatetimeUtc!.Value - sensor.TimeOf(index)).TotalSeconds, -1.5, 1.5);
            Assert.Equal(SensorConversions.LightMolPerSquareMeterDay(raw.Light), sample.Light);
            Assert.Equal(SensorConversions.TemperatureCelsius(raw.AirTemperature), sample.AirTemperatureCelsius);
            Assert.Equal(SensorConversions.SoilMoisturePercent(raw.SoilVwc), sample.SoilMoisturePercent);
            Assert.Equal(SensorConversions.BatteryPercent(raw.Battery), sample.BatteryPercent);
        }
    }

    private static Uri ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
