using FlowerPower.Cloud.Sensor;
using Tmds.DBus.Protocol;

namespace FlowerPower.Cloud.Bridge.Bluetooth;

/// <summary>
/// A Bluetooth device BlueZ knows (<c>org.bluez.Device1</c>), as a scan saw it: its address, advertised name and
/// signal. <see cref="ConnectAsync"/> opens the link and finds its characteristics by UUID. BlueZ keeps a device's GATT
/// objects exported after a disconnect (its cache), but calls on them fail until the next connection, so each
/// exchange starts with a connection.
/// </summary>
internal sealed class BluezDevice
{
    private const string Interface = "org.bluez.Device1";
    private readonly BluezBus _bus;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Makes the device from the properties BlueZ exported for it.</summary>
    /// <param name="bus">BlueZ.</param>
    /// <param name="path">The device's object path.</param>
    /// <param name="properties">Its <c>Device1</c> properties.</param>
    public BluezDevice(BluezBus bus, string path, Dictionary<string, VariantValue> properties)
    {
        _bus = bus;
        Path = path;
        Address = properties.TryGetValue("Address", out var address) ? address.GetString() : string.Empty;
        Name = properties.TryGetValue("Name", out var name) ? name.GetString() : properties.TryGetValue("Alias", out var alias) ? alias.GetString() : null;
        Rssi = properties.TryGetValue("RSSI", out var rssi) ? rssi.GetInt16() : null;
        Uuids = properties.TryGetValue("UUIDs", out var uuids) ? uuids.GetArray<string>() : [];
    }

    /// <summary>The device's object path.</summary>
    public string Path { get; }

    /// <summary>The Bluetooth address ("A0:14:3D:08:B4:2F").</summary>
    public string Address { get; }

    /// <summary>The advertised name, if it gave one.</summary>
    public string? Name { get; }

    /// <summary>The signal of its last advertisement in dBm, if BlueZ saw one.</summary>
    public short? Rssi { get; }

    /// <summary>The services it advertised.</summary>
    public IReadOnlyList<string> Uuids { get; }

    /// <summary>Whether it looks like a Flower Power: it advertises the live service or the name.</summary>
    public bool IsFlowerPower =>
        Uuids.Contains(SensorProfile.LiveService, StringComparer.OrdinalIgnoreCase) || Name?.StartsWith(SensorProfile.NamePrefix, StringComparison.Ordinal) == true;

    /// <summary>
    /// Connects (BlueZ's <c>Connect</c>) and waits until its services are resolved, then maps its characteristics by UUID.
    /// </summary>
    /// <param name="timeout">How long the connection and each later request may take.</param>
    /// <param name="cancellationToken">Stops the attempt.</param>
    /// <returns>The characteristics, by UUID in lower case.</returns>
    public async Task<IReadOnlyDictionary<string, GattCharacteristic>> ConnectAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var resolved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (await _bus.WatchPropertiesAsync(Path, Interface, changed =>
                   {
                       if (changed.TryGetValue("ServicesResolved", out var value) && value.GetBool())
                       {
                           resolved.TrySetResult();
                       }
                   }))
            {
                await _bus.CallAsync(Path, Interface, "Connect", null, null, limit.Token);
                if (!(await _bus.GetPropertyAsync(Path, Interface, "ServicesResolved", limit.Token)).GetBool())
                {
                    await resolved.Task.WaitAsync(limit.Token);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BluetoothException(BluetoothProblem.OutOfRange, $"{Name ?? Address} did not connect within {timeout.TotalSeconds:0.#} s: out of range, or its battery is flat?");
        }
        catch (BluetoothException e) when (e.Problem == BluetoothProblem.Failed)
        {
            throw new BluetoothException(BluetoothProblem.OutOfRange, $"{Name ?? Address} did not connect: {e.Message}", e);
        }

        var characteristics = new Dictionary<string, GattCharacteristic>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, interfaces) in await _bus.GetManagedObjectsAsync(cancellationToken))
        {
            if (path.StartsWith(Path + "/", StringComparison.Ordinal) && interfaces.TryGetValue("org.bluez.GattCharacteristic1", out var properties)
                && properties.TryGetValue("UUID", out var uuid))
            {
                characteristics.TryAdd(uuid.GetString().ToLowerInvariant(), new GattCharacteristic(_bus, path, uuid.GetString().ToLowerInvariant(), _gate, timeout));
            }
        }

        return characteristics;
    }

    /// <summary>Watches the link: <paramref name="lost"/> is called when BlueZ reports it disconnected.</summary>
    /// <param name="lost">Called on a disconnection.</param>
    /// <returns>Ends the watch when disposed.</returns>
    public Task<IDisposable> WatchLinkAsync(Action lost) =>
        _bus.WatchPropertiesAsync(Path, Interface, changed =>
        {
            if (changed.TryGetValue("Connected", out var value) && !value.GetBool())
            {
                lost();
            }
        });

    /// <summary>The battery level BlueZ's battery plugin reads from the standard battery service, only while connected.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The level in %, or null when BlueZ has none.</returns>
    public async Task<int?> BatteryPercentAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await _bus.GetPropertyAsync(Path, "org.bluez.Battery1", "Percentage", cancellationToken)).GetByte();
        }
        catch (BluetoothException)
        {
            return null;
        }
    }

    /// <summary>Closes the link; a link already gone is no failure.</summary>
    /// <returns>When BlueZ has answered.</returns>
    public async Task DisconnectAsync()
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _bus.CallAsync(Path, Interface, "Disconnect", null, null, limit.Token);
        }
        catch (Exception e) when (e is BluetoothException or OperationCanceledException)
        {
            // Already disconnected or forgotten: nothing left to close.
        }
    }
}
