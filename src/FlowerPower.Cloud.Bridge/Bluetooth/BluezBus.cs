using Tmds.DBus.Protocol;

namespace FlowerPower.Cloud.Bridge.Bluetooth;

/// <summary>
/// BlueZ on the D-Bus system bus (its address from <c>DBUS_SYSTEM_BUS_ADDRESS</c>, as every D-Bus client takes it):
/// the object tree, properties, method calls and the <c>PropertiesChanged</c> signals notifications arrive as. D-Bus
/// errors become <see cref="BluetoothException"/>s.
/// </summary>
internal sealed class BluezBus : IAsyncDisposable
{
    /// <summary>BlueZ's name on the bus.</summary>
    public const string Service = "org.bluez";

    private const string PropertiesInterface = "org.freedesktop.DBus.Properties";
    private readonly DBusConnection _connection;

    private BluezBus(DBusConnection connection) => _connection = connection;

    /// <summary>Connects to the system bus and checks that BlueZ is on it.</summary>
    /// <param name="address">The bus address; the system bus's when null.</param>
    /// <param name="cancellationToken">Stops the attempt.</param>
    /// <returns>The bus.</returns>
    public static async Task<BluezBus> ConnectAsync(string? address, CancellationToken cancellationToken)
    {
        address ??= DBusAddress.System;
        if (string.IsNullOrEmpty(address))
        {
            throw new BluetoothException(BluetoothProblem.BusUnavailable, "no D-Bus system bus address: set DBUS_SYSTEM_BUS_ADDRESS or start dbus (systemctl start dbus).");
        }

        var connection = new DBusConnection(address);
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            var services = await connection.ListServicesAsync().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            if (!services.Contains(Service))
            {
                throw new BluetoothException(BluetoothProblem.BluezMissing, "BlueZ is not running on the system bus: install it (apt install bluez) and start it (systemctl enable --now bluetooth).");
            }
        }
        catch (Exception e) when (e is not BluetoothException and not OperationCanceledException)
        {
            connection.Dispose();
            throw new BluetoothException(BluetoothProblem.BusUnavailable, $"the D-Bus system bus cannot be reached ({e.Message}): is dbus running?", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new BluezBus(connection);
    }

    /// <summary>Every object BlueZ exports, with its interfaces and their properties.</summary>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>Path to interface to property to value.</returns>
    public Task<Dictionary<string, Dictionary<string, Dictionary<string, VariantValue>>>> GetManagedObjectsAsync(CancellationToken cancellationToken) =>
        CallAsync("/", "org.freedesktop.DBus.ObjectManager", "GetManagedObjects", null, null, ReadManagedObjects, cancellationToken);

    /// <summary>One property of an object.</summary>
    /// <param name="path">The object.</param>
    /// <param name="interfaceName">The property's interface.</param>
    /// <param name="name">The property.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>Its value.</returns>
    public Task<VariantValue> GetPropertyAsync(string path, string interfaceName, string name, CancellationToken cancellationToken) =>
        CallAsync(path, PropertiesInterface, "Get", "ss", (ref MessageWriter w) => { w.WriteString(interfaceName); w.WriteString(name); }, static (m, _) => m.GetBodyReader().ReadVariantValue(), cancellationToken);

    /// <summary>Sets one property of an object.</summary>
    /// <param name="path">The object.</param>
    /// <param name="interfaceName">The property's interface.</param>
    /// <param name="name">The property.</param>
    /// <param name="value">The new value.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>When BlueZ has answered.</returns>
    public Task SetPropertyAsync(string path, string interfaceName, string name, VariantValue value, CancellationToken cancellationToken) =>
        CallAsync(path, PropertiesInterface, "Set", "ssv", (ref MessageWriter w) => { w.WriteString(interfaceName); w.WriteString(name); w.WriteVariant(value); }, static (_, _) => true, cancellationToken);

    /// <summary>Calls a method of BlueZ's and reads its answer.</summary>
    /// <typeparam name="T">What the answer is read as.</typeparam>
    /// <param name="path">The object.</param>
    /// <param name="interfaceName">The method's interface.</param>
    /// <param name="member">The method.</param>
    /// <param name="signature">The arguments' signature, or null for none.</param>
    /// <param name="writeArguments">Writes the arguments.</param>
    /// <param name="read">Reads the answer.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>The answer.</returns>
    public async Task<T> CallAsync<T>(
        string path, string interfaceName, string member, string? signature, ArgumentWriter? writeArguments, MessageValueReader<T> read, CancellationToken cancellationToken)
    {
        MessageBuffer message;
        var writer = _connection.GetMessageWriter();
        try
        {
            writer.WriteMethodCallHeader(Service, path, interfaceName, member, signature);
            writeArguments?.Invoke(ref writer);
            message = writer.CreateMessage();
        }
        finally
        {
            writer.Dispose();
        }

        try
        {
            return await _connection.CallMethodAsync(message, read).WaitAsync(cancellationToken);
        }
        catch (DBusErrorReplyException e)
        {
            throw Translate(e, path, member);
        }
        catch (DBusExceptionBase e)
        {
            throw new BluetoothException(BluetoothProblem.BusUnavailable, $"the D-Bus system bus went away during {member} ({e.Message}).", e);
        }
    }

    /// <summary>Calls a method of BlueZ's that answers nothing.</summary>
    /// <param name="path">The object.</param>
    /// <param name="interfaceName">The method's interface.</param>
    /// <param name="member">The method.</param>
    /// <param name="signature">The arguments' signature, or null for none.</param>
    /// <param name="writeArguments">Writes the arguments.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>When BlueZ has answered.</returns>
    public Task CallAsync(string path, string interfaceName, string member, string? signature, ArgumentWriter? writeArguments, CancellationToken cancellationToken) =>
        CallAsync(path, interfaceName, member, signature, writeArguments, static (_, _) => true, cancellationToken);

    /// <summary>
    /// Watches the properties of one object's interface: <paramref name="changed"/> gets each changed set. A
    /// characteristic's notifications arrive so, as <c>Value</c> (and so does the answer to a <c>ReadValue</c>).
    /// </summary>
    /// <param name="path">The object.</param>
    /// <param name="interfaceName">The interface whose changes count.</param>
    /// <param name="changed">Gets each change.</param>
    /// <returns>Ends the watch when disposed.</returns>
    public async Task<IDisposable> WatchPropertiesAsync(string path, string interfaceName, Action<Dictionary<string, VariantValue>> changed)
    {
        try
        {
            return await _connection.WatchSignalAsync(
                Service,
                path,
                PropertiesInterface,
                "PropertiesChanged",
                static (m, _) =>
                {
                    var reader = m.GetBodyReader();
                    var name = reader.ReadString();
                    return (name, reader.ReadDictionaryOfStringToVariantValue());
                },
                notification =>
                {
                    if (notification.HasValue && notification.Value.name == interfaceName)
                    {
                        changed(notification.Value.Item2);
                    }
                },
                ObserverFlags.None,
                emitOnCapturedContext: false);
        }
        catch (DBusExceptionBase e)
        {
            throw new BluetoothException(BluetoothProblem.BusUnavailable, $"the D-Bus system bus refused a watch ({e.Message}).", e);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }

    private static Dictionary<string, Dictionary<string, Dictionary<string, VariantValue>>> ReadManagedObjects(Message message, object? state)
    {
        var reader = message.GetBodyReader();
        var objects = new Dictionary<string, Dictionary<string, Dictionary<string, VariantValue>>>(StringComparer.Ordinal);
        var end = reader.ReadDictionaryStart();
        while (reader.HasNext(end))
        {
            var path = reader.ReadObjectPathAsString();
            var interfaces = new Dictionary<string, Dictionary<string, VariantValue>>(StringComparer.Ordinal);
            var interfacesEnd = reader.ReadDictionaryStart();
            while (reader.HasNext(interfacesEnd))
            {
                var name = reader.ReadString();
                interfaces[name] = reader.ReadDictionaryOfStringToVariantValue();
            }

            objects[path] = interfaces;
        }

        return objects;
    }

    private static BluetoothException Translate(DBusErrorReplyException e, string path, string member)
    {
        var problem = e.ErrorName switch
        {
            "org.freedesktop.DBus.Error.ServiceUnknown" or "org.freedesktop.DBus.Error.NameHasNoOwner" => BluetoothProblem.BluezMissing,
            "org.freedesktop.DBus.Error.UnknownObject" or "org.freedesktop.DBus.Error.UnknownMethod" or "org.bluez.Error.DoesNotExist" => BluetoothProblem.OutOfRange,
            "org.bluez.Error.NotConnected" => BluetoothProblem.Disconnected,
            "org.bluez.Error.NotReady" => BluetoothProblem.AdapterOff,
            "org.freedesktop.DBus.Error.NoReply" or "org.freedesktop.DBus.Error.Timeout" => BluetoothProblem.Stalled,
            _ => BluetoothProblem.Failed,
        };
        var what = problem switch
        {
            BluetoothProblem.BluezMissing => "BlueZ left the system bus: is the bluetooth service running?",
            BluetoothProblem.OutOfRange => "BlueZ no longer knows it (out of range?)",
            BluetoothProblem.Disconnected => "the link was lost",
            BluetoothProblem.AdapterOff => "the adapter is not ready (powered off?)",
            BluetoothProblem.Stalled => "BlueZ gave no answer in time",
            _ => "BlueZ refused it",
        };
        return new BluetoothException(problem, $"{member} on {path}: {what} ({e.ErrorName}: {e.ErrorMessage}).", e);
    }
}
