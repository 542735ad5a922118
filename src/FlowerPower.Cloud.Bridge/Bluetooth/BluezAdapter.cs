using FlowerPower.Cloud.Sensor;
using Tmds.DBus.Protocol;

namespace FlowerPower.Cloud.Bridge.Bluetooth;

/// <summary>
/// A Bluetooth adapter (<c>org.bluez.Adapter1</c>, "hci0"): checked to exist and be powered, and scanned for
/// Flower Powers. A device a scan found stays in BlueZ's tree about 30 s after its last advertisement unless it is
/// connected, so a sync connects to what a scan just saw.
/// </summary>
internal sealed class BluezAdapter
{
    private const string Interface = "org.bluez.Adapter1";
    private readonly BluezBus _bus;

    private BluezAdapter(BluezBus bus, string name, string path)
    {
        _bus = bus;
        Name = name;
        Path = path;
    }

    /// <summary>The adapter's name ("hci0").</summary>
    public string Name { get; }

    /// <summary>Its object path ("/org/bluez/hci0").</summary>
    public string Path { get; }

    /// <summary>Finds the adapter and checks that it is powered.</summary>
    /// <param name="bus">BlueZ.</param>
    /// <param name="name">The adapter's name ("hci0").</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <returns>The adapter.</returns>
    public static async Task<BluezAdapter> OpenAsync(BluezBus bus, string name, CancellationToken cancellationToken)
    {
        var objects = await bus.GetManagedObjectsAsync(cancellationToken);
        var adapters = objects.Where(o => o.Value.ContainsKey(Interface)).Select(o => o.Key[(o.Key.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal).ToList();
        var path = "/org/bluez/" + name;
        if (!objects.TryGetValue(path, out var interfaces) || !interfaces.TryGetValue(Interface, out var properties))
        {
            throw new BluetoothException(
                BluetoothProblem.AdapterMissing,
                adapters.Count == 0
                    ? $"BlueZ has no Bluetooth adapter ({name} asked for): plug one in, or check 'rfkill list' and 'bluetoothctl list'."
                    : $"BlueZ has no adapter {name}; it has {string.Join(", ", adapters)}: pass --adapter {adapters[0]}.");
        }

        if (!properties.TryGetValue("Powered", out var powered) || !powered.GetBool())
        {
            throw new BluetoothException(BluetoothProblem.AdapterOff, $"the adapter {name} is powered off: turn it on with 'bluetoothctl power on' (and 'rfkill unblock bluetooth' if it is blocked).");
        }

        return new BluezAdapter(bus, name, path);
    }

    /// <summary>Scans for Flower Powers (their live service, over LE) for a while, then lists those BlueZ knows.</summary>
    /// <param name="duration">How long to scan; zero lists what BlueZ knows after starting and stopping a scan.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <returns>The Flower Powers in range, strongest signal first.</returns>
    public async Task<IReadOnlyList<BluezDevice>> ScanAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var filter = new Dictionary<string, VariantValue> { ["UUIDs"] = VariantValue.Array(new[] { SensorProfile.LiveService }), ["Transport"] = "le" };
        await _bus.CallAsync(Path, Interface, "SetDiscoveryFilter", "a{sv}", (ref MessageWriter w) => w.WriteDictionary(filter), cancellationToken);
        await _bus.CallAsync(Path, Interface, "StartDiscovery", null, null, cancellationToken);
        try
        {
            if (duration > TimeSpan.Zero)
            {
                await Task.Delay(duration, cancellationToken);
            }
        }
        finally
        {
            try
            {
                await _bus.CallAsync(Path, Interface, "StopDiscovery", null, null, CancellationToken.None);
            }
            catch (BluetoothException)
            {
                // Another client's scan may have ended ours; the devices found stay.
            }
        }

        return await KnownSensorsAsync(cancellationToken);
    }

    /// <summary>The Flower Powers BlueZ knows on this adapter now, strongest signal first.</summary>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The devices.</returns>
    public async Task<IReadOnlyList<BluezDevice>> KnownSensorsAsync(CancellationToken cancellationToken)
    {
        var devices = new List<BluezDevice>();
        foreach (var (path, interfaces) in await _bus.GetManagedObjectsAsync(cancellationToken))
        {
            if (path.StartsWith(Path + "/", StringComparison.Ordinal) && interfaces.TryGetValue("org.bluez.Device1", out var properties))
            {
                var device = new BluezDevice(_bus, path, properties);
                if (device.IsFlowerPower)
                {
                    devices.Add(device);
                }
            }
        }

        return [.. devices.OrderByDescending(d => d.Rssi ?? short.MinValue).ThenBy(d => d.Address, StringComparer.Ordinal)];
    }
}
