using FlowerPower.Cloud.Bridge.Bluetooth;
using FlowerPower.Cloud.Bridge.Sensors;
using FlowerPower.Cloud.Sensor;
using FlowerPower.Cloud.Tests.TestSupport.Bluez;

namespace FlowerPower.Cloud.Tests.Bridge;

/// <summary>The bridge's Bluetooth side against the fake BlueZ on a private bus: discovery, identity, live readings and the history transfer with its faults.</summary>
public sealed class SensorTransferTests : IAsyncLifetime
{
    private static readonly SensorTimings Quick = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), 3);
    private PrivateBus _bus = null!;
    private FakeBluez _bluez = null!;
    private BluezBus _client = null!;

    public async ValueTask InitializeAsync()
    {
        _bus = PrivateBus.Start();
        _bluez = await FakeBluez.StartAsync(_bus.Address);
        _client = await BluezBus.ConnectAsync(_bus.Address, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _bluez.DisposeAsync();
        _bus.Dispose();
    }

    [Fact]
    public async Task A_scan_finds_each_flower_power_with_its_name_and_signal_but_not_a_hidden_one()
    {
        _bluez.Add(new FakeSensor("A0:14:3D:08:B4:2F", "9003B7E6B3C5") { Rssi = -70 });
        _bluez.Add(new FakeSensor("90:03:B7:C8:11:0A", "90039C7B2F42") { Rssi = -50 });
        _bluez.Add(new FakeSensor("90:03:B7:C8:11:0B", "90039C7B2F43") { Hidden = true });
        var adapter = await BluezAdapter.OpenAsync(_client, "hci0", TestContext.Current.CancellationToken);

        var found = await adapter.ScanAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);

        Assert.Equal(["90:03:B7:C8:11:0A", "A0:14:3D:08:B4:2F"], found.Select(d => d.Address));
        Assert.Equal("Flower power B42F", found[1].Name);
        Assert.Equal((short)-70, found[1].Rssi);
    }

    [Fact]
    public async Task A_connected_sensor_tells_its_serial_firmware_live_readings_and_battery()
    {
        _bluez.Add(new FakeSensor("A0:14:3D:08:B4:2F", "9003B7E6B3C5") { Live = [1000, 200, 500, 520, 700], BatteryPercent = 64 });
        await using var sensor = await ConnectFirstAsync();

        var identity = await sensor.ReadIdentityAsync(TestContext.Current.CancellationToken);
        var live = await sensor.ReadLiveAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new SensorIdentity("A0:14:3D:08:B4:2F", "Flower power B42F", "9003B7E6B3C5", "2015-12-04_hawaii-2.0.3_hardware-config-MP", "FCC-1.0 2014-04-23"), identity);
        Assert.Equal(new LiveReadings(1000, 200, 500, 520, 700, 64), live);
        Assert.Equal(SensorConversions.LightMolPerSquareMeterDay(1000), live.LightMolPerSquareMeterDay);
    }

    [Fact]
    public async Task The_history_arrives_whole_and_checked_across_windows_even_with_frames_dropped()
    {
        var now = DateTimeOffset.UtcNow;
        var fake = _bluez.Add(new FakeSensor("A0:14:3D:08:B4:2F", "9003B7E6B3C5").WithHistory(400, 1399, now));
        fake.DropFrames.UnionWith([5, 130, 201]);
        await using var sensor = await ConnectFirstAsync();

        var state = await sensor.ReadHistoryStateAsync(TestContext.Current.CancellationToken);
        var buffer = await sensor.DownloadHistoryAsync(1100, TestContext.Current.CancellationToken);

        Assert.Equal(new HistoryState(400, 1399, 7, 1000, 900, fake.StartupUtc), state with { StartupUtc = fake.StartupUtc });
        Assert.InRange((state.StartupUtc - fake.StartupUtc).TotalSeconds, -2, 2);
        Assert.Equal(fake.HistoryFile(1100), buffer);
        Assert.Equal(2, fake.Refusals);
        Assert.Equal([1100u], fake.TransferStarts);
    }

    [Fact]
    public async Task A_link_lost_mid_transfer_is_a_disconnection_and_nothing_of_it_is_returned()
    {
        var fake = _bluez.Add(new FakeSensor("A0:14:3D:08:B4:2F", "9003B7E6B3C5").WithHistory(300, 299, DateTimeOffset.UtcNow));
        fake.DisconnectAtFrames.Add(140);
        await using var sensor = await ConnectFirstAsync();

        var failure = await Assert.ThrowsAsync<BluetoothException>(() => sensor.DownloadHistoryAsync(0, TestContext.Current.CancellationToken));

        Assert.Equal(BluetoothProblem.Disconnected, failure.Problem);
    }

    [Fact]
    public async Task A_transfer_that_stops_times_out_as_stalled()
    {
        var fake = _bluez.Add(new FakeSensor("A0:14:3D:08:B4:2F", "9003B7E6B3C5").WithHistory(50, 49, DateTimeOffset.UtcNow));
        fake.StallAtFrames.Add(10);
        await using var sensor = await ConnectFirstAsync();

        var failure = await Assert.ThrowsAsync<BluetoothException>(() => sensor.DownloadHistoryAsync(0, TestContext.Current.CancellationToken));

        Assert.Equal(BluetoothProblem.Stalled, failure.Problem);
    }

    [Fact]
    public async Task Calls_after_a_disconnect_fail_until_the_next_connection_and_blink_pulses_the_led()
    {
        var fake = _bluez.Add(new FakeSensor("A0:14:3D:08:B4:2F", "9003B7E6B3C5"));
        var sensor = await ConnectFirstAsync();
        await sensor.DisposeAsync();

        await Assert.ThrowsAsync<BluetoothException>(() => sensor.BlinkAsync(TestContext.Current.CancellationToken));
        await using var again = await ConnectFirstAsync();
        await again.BlinkAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, fake.Blinks);
    }

    [Theory]
    [InlineData(false, true, (int)BluetoothProblem.AdapterMissing)]
    [InlineData(true, false, (int)BluetoothProblem.AdapterOff)]
    public async Task No_adapter_or_one_powered_off_is_said_so(bool adapter, bool powered, int expected)
    {
        await using var bare = await FakeBluez.StartAsync(_bus.Address, adapter, powered);
        await _bluez.DisposeAsync();
        await using var client = await BluezBus.ConnectAsync(_bus.Address, TestContext.Current.CancellationToken);

        var failure = await Assert.ThrowsAsync<BluetoothException>(() => BluezAdapter.OpenAsync(client, "hci0", TestContext.Current.CancellationToken));

        Assert.Equal((BluetoothProblem)expected, failure.Problem);
    }

    [Fact]
    public async Task A_bus_without_bluez_is_said_so()
    {
        await _bluez.DisposeAsync();

        var failure = await Assert.ThrowsAsync<BluetoothException>(() => BluezBus.ConnectAsync(_bus.Address, TestContext.Current.CancellationToken));

        Assert.Equal(BluetoothProblem.BluezMissing, failure.Problem);
    }

    private async Task<FlowerPowerSensor> ConnectFirstAsync()
    {
        var adapter = await BluezAdapter.OpenAsync(_client, "hci0", TestContext.Current.CancellationToken);
        var device = (await adapter.ScanAsync(TimeSpan.Zero, TestContext.Current.CancellationToken))[0];
        return await FlowerPowerSensor.ConnectAsync(device, Quick, TimeProvider.System, TestContext.Current.CancellationToken);
    }
}
