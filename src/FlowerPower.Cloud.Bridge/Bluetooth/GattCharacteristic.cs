using Tmds.DBus.Protocol;

namespace FlowerPower.Cloud.Bridge.Bluetooth;

/// <summary>
/// One GATT characteristic as BlueZ exports it (<c>org.bluez.GattCharacteristic1</c>). Every call goes through its
/// device's gate: BlueZ answers a second request to a device before the first with <c>InProgress</c>, so requests are
/// one at a time. Each call has a time limit, so a sensor that stops answering is <see cref="BluetoothProblem.Stalled"/>.
/// </summary>
internal sealed class GattCharacteristic(BluezBus bus, string path, string uuid, SemaphoreSlim gate, TimeSpan timeout)
{
    private const string Interface = "org.bluez.GattCharacteristic1";

    /// <summary>The characteristic's object path.</summary>
    public string Path { get; } = path;

    /// <summary>The characteristic's UUID, in lower case.</summary>
    public string Uuid { get; } = uuid;

    /// <summary>Reads the value. BlueZ also reports it as a <c>PropertiesChanged</c> of <c>Value</c>, which is not a notification.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The bytes.</returns>
    public Task<byte[]> ReadAsync(CancellationToken cancellationToken) =>
        GatedAsync("ReadValue", "a{sv}", static (ref MessageWriter w) => w.WriteDictionary(new Dictionary<string, VariantValue>()), static (m, _) => m.GetBodyReader().ReadArrayOfByte(), cancellationToken);

    /// <summary>Writes the value and waits for the sensor's answer (a write request).</summary>
    /// <param name="value">The bytes.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>When the sensor has answered.</returns>
    public Task WriteAsync(byte[] value, CancellationToken cancellationToken) =>
        GatedAsync(
            "WriteValue",
            "aya{sv}",
            (ref MessageWriter w) =>
            {
                w.WriteArray(value);
                w.WriteDictionary(new Dictionary<string, VariantValue> { ["type"] = "request" });
            },
            static (_, _) => true,
            cancellationToken);

    /// <summary>
    /// Subscribes to the characteristic's notifications: <paramref name="notified"/> gets each value, in order. The
    /// watch is in place before notifications are turned on, so none is missed.
    /// </summary>
    /// <param name="notified">Gets each notified value.</param>
    /// <param name="cancellationToken">Stops the subscription.</param>
    /// <returns>Turns the notifications off when disposed.</returns>
    public async Task<IAsyncDisposable> SubscribeAsync(Action<byte[]> notified, CancellationToken cancellationToken)
    {
        var watch = await bus.WatchPropertiesAsync(Path, Interface, changed =>
        {
            if (changed.TryGetValue("Value", out var value) && value.Type == VariantValueType.Array)
            {
                notified(value.GetArray<byte>());
            }
        });
        try
        {
            await GatedAsync("StartNotify", null, null, static (_, _) => true, cancellationToken);
        }
        catch
        {
            watch.Dispose();
            throw;
        }

        return new Subscription(this, watch);
    }

    private async Task<T> GatedAsync<T>(string member, string? signature, ArgumentWriter? arguments, MessageValueReader<T> read, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await gate.WaitAsync(limit.Token);
            try
            {
                return await bus.CallAsync(Path, Interface, member, signature, arguments, read, limit.Token);
            }
            finally
            {
                gate.Release();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BluetoothException(BluetoothProblem.Stalled, $"{member} on {Path}: no answer within {timeout.TotalSeconds:0.#} s.");
        }
    }

    private sealed class Subscription(GattCharacteristic characteristic, IDisposable watch) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            watch.Dispose();
            try
            {
                await characteristic.GatedAsync("StopNotify", null, null, static (_, _) => true, CancellationToken.None);
            }
            catch (BluetoothException)
            {
                // A link already lost has no notifications left to stop.
            }
        }
    }
}
