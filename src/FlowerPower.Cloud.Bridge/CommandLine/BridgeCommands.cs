using System.Globalization;
using FlowerPower.Cloud.Bridge.Bluetooth;
using FlowerPower.Cloud.Bridge.Sensors;
using FlowerPower.Cloud.Bridge.Sync;

namespace FlowerPower.Cloud.Bridge.CommandLine;

/// <summary>What each command does, once its arguments are read.</summary>
internal static class BridgeCommands
{
    /// <summary>Lists every Flower Power in range, with what it says of itself and, when signed in, its plant.</summary>
    public static async Task<int> ScanAsync(BridgeSettings settings, Func<string, string?> environment, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var bus = await BluezBus.ConnectAsync(settings.BusAddress, cancellationToken);
        var adapter = await BluezAdapter.OpenAsync(bus, settings.Adapter, cancellationToken);
        var devices = await adapter.ScanAsync(settings.ScanDuration, cancellationToken);
        GardenSnapshot? garden = null;
        if (BridgeSettings.ClientOptions(environment, out var options) is null)
        {
            using var client = new FlowerPowerClient(options!);
            try
            {
                garden = GardenSnapshot.From(await client.GetGardenConfigurationAsync(cancellationToken), await client.GetGardenStatusAsync(cancellationToken), time.GetUtcNow());
            }
            catch (FlowerPowerException e)
            {
                await output.WriteLineAsync($"(the garden cannot be read: {e.Message})");
            }
        }

        if (devices.Count == 0)
        {
            await output.WriteLineAsync($"no Flower Power in range of {settings.Adapter} after {settings.ScanDuration.TotalSeconds:0} s");
            return 0;
        }

        foreach (var device in devices)
        {
            var line = $"{device.Name ?? "(no name)"}  {device.Address}  {(device.Rssi is { } rssi ? $"{rssi} dBm" : "no signal")}";
            try
            {
                await using var sensor = await FlowerPowerSensor.ConnectAsync(device, settings.Timings, time, cancellationToken);
                var identity = await sensor.ReadIdentityAsync(cancellationToken);
                var live = await sensor.ReadLiveAsync(cancellationToken);
                var plant = garden?.Find(identity.Serial, identity.Name) is { } match ? $"plant {match.Nickname ?? match.LocationIdentifier} ({match.LocationIdentifier})" : garden is null ? null : "in no location of your garden";
                line += $"  serial {identity.Serial}  firmware {identity.Firmware}  {Live(live)}{(plant is null ? string.Empty : "  " + plant)}";
            }
            catch (BluetoothException e)
            {
                line += $"  (not read: {e.Message})";
            }

            await output.WriteLineAsync(line);
        }

        return 0;
    }

    /// <summary>Syncs the garden's sensors once or every <paramref name="every"/> until stopped.</summary>
    public static async Task<int> SyncAsync(
        BridgeSettings settings, Func<string, string?> environment, bool once, TimeSpan every, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        if (BridgeSettings.ClientOptions(environment, out var options) is { } problem)
        {
            throw new BridgeUsageException(problem);
        }

        await using var bus = await BluezBus.ConnectAsync(settings.BusAddress, cancellationToken);
        using var client = new FlowerPowerClient(options!);
        var runner = new SyncRunner(client, bus, settings, time, output);
        while (true)
        {
            var report = await runner.RunOnceAsync(cancellationToken);
            if (report.Problem is not null)
            {
                await error.WriteLineAsync("sync: " + report.Problem);
            }

            foreach (var sensor in report.Sensors)
            {
                await (sensor.Succeeded || !sensor.InRange ? output : error).WriteLineAsync(sensor.Line);
            }

            if (once)
            {
                return report.Succeeded ? 0 : 1;
            }

            await Task.Delay(every, time, cancellationToken);
        }
    }

    /// <summary>Reads a sensor's live values once or every <paramref name="everySeconds"/> until stopped.</summary>
    public static async Task<int> LiveAsync(BridgeSettings settings, string key, int? everySeconds, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var bus = await BluezBus.ConnectAsync(settings.BusAddress, cancellationToken);
        await using var sensor = await FindAsync(bus, settings, key, time, cancellationToken);
        while (true)
        {
            var live = await sensor.ReadLiveAsync(cancellationToken);
            await output.WriteLineAsync($"{time.GetUtcNow():u}  {sensor.Device.Name ?? sensor.Device.Address}  {Live(live)}");
            if (everySeconds is not { } seconds)
            {
                return 0;
            }

            await Task.Delay(TimeSpan.FromSeconds(seconds), time, cancellationToken);
        }
    }

    /// <summary>Pulses a sensor's LED.</summary>
    public static async Task<int> BlinkAsync(BridgeSettings settings, string key, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var bus = await BluezBus.ConnectAsync(settings.BusAddress, cancellationToken);
        await using var sensor = await FindAsync(bus, settings, key, time, cancellationToken);
        await sensor.BlinkAsync(cancellationToken);
        await output.WriteLineAsync($"{sensor.Device.Name ?? sensor.Device.Address} is blinking");
        return 0;
    }

    private static async Task<FlowerPowerSensor> FindAsync(BluezBus bus, BridgeSettings settings, string key, TimeProvider time, CancellationToken cancellationToken)
    {
        var adapter = await BluezAdapter.OpenAsync(bus, settings.Adapter, cancellationToken);
        var devices = await adapter.ScanAsync(settings.ScanDuration, cancellationToken);
        var named = devices.FirstOrDefault(d => string.Equals(d.Address, key, StringComparison.OrdinalIgnoreCase) || string.Equals(d.Name, key, StringComparison.OrdinalIgnoreCase));
        if (named is not null)
        {
            return await FlowerPowerSensor.ConnectAsync(named, settings.Timings, time, cancellationToken);
        }

        foreach (var device in devices)
        {
            var sensor = await FlowerPowerSensor.ConnectAsync(device, settings.Timings, time, cancellationToken);
            if (string.Equals((await sensor.ReadIdentityAsync(cancellationToken)).Serial, key, StringComparison.OrdinalIgnoreCase))
            {
                return sensor;
            }

            await sensor.DisposeAsync();
        }

        throw new BluetoothException(BluetoothProblem.OutOfRange, $"no Flower Power '{key}' in range of {settings.Adapter} ({devices.Count} seen): run 'flowerpower-bridge scan' to list them.");
    }

    private static string Live(LiveReadings live) => string.Create(
        CultureInfo.InvariantCulture,
        $"light {live.LightMolPerSquareMeterDay:0.##} mol/m²/d  air {live.AirTemperatureCelsius:0.#} °C  soil {live.SoilTemperatureCelsius:0.#} °C  moisture {live.SoilMoisturePercent:0.#} %  conductivity {live.SoilEc} (raw)  battery {(live.BatteryPercent is { } b ? $"{b} %" : "unknown")}");
}
