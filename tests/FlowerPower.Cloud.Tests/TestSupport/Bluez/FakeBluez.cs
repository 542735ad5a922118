using System.Buffers.Binary;
using System.Text;
using Tmds.DBus.Protocol;

namespace FlowerPower.Cloud.Tests.TestSupport.Bluez;

/// <summary>
/// A fake BlueZ 5 on a private bus: it owns <c>org.bluez</c> and exports what bluetoothd does (ObjectManager,
/// <c>Adapter1</c>, <c>Device1</c>, <c>Battery1</c> while connected, <c>GattService1</c>, <c>GattCharacteristic1</c> with
/// <c>ReadValue</c>, <c>WriteValue</c>, <c>StartNotify</c>/<c>StopNotify</c>, notifications as <c>PropertiesChanged</c>
/// of <c>Value</c>) for the sensors it is given, written from BlueZ's D-Bus API documents and not from the bridge's
/// code. As BlueZ does: a sensor's objects appear when a scan starts; a <c>ReadValue</c> also signals the value; GATT
/// objects stay exported after a disconnect and calls on them fail until the next connection.
/// </summary>
internal sealed class FakeBluez : IPathMethodHandler, IAsyncDisposable
{
    public const string AdapterPath = "/org/bluez/hci0";
    private const string Properties = "org.freedesktop.DBus.Properties";
    private const string Characteristic = "org.bluez.GattCharacteristic1";

    private static readonly (string Service, string[] Characteristics)[] Profile =
    [
        ("0000180a-0000-1000-8000-00805f9b34fb", ["00002a25-0000-1000-8000-00805f9b34fb", "00002a26-0000-1000-8000-00805f9b34fb", "00002a27-0000-1000-8000-00805f9b34fb"]),
        ("0000180f-0000-1000-8000-00805f9b34fb", ["00002a19-0000-1000-8000-00805f9b34fb"]),
        (P("fa00"), [P("fa01"), P("fa02"), P("fa03"), P("fa04"), P("fa05"), P("fa06"), P("fa07")]),
        (P("fb00"), [P("fb01"), P("fb02"), P("fb03")]),
        (P("fc00"), [P("fc01"), P("fc02"), P("fc03"), P("fc04"), P("fc05"), P("fc06")]),
        (P("fd00"), [P("fd01")]),
    ];

    private readonly DBusConnection _connection;
    private readonly Dictionary<string, Dictionary<string, Dictionary<string, VariantValue>>> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Link> _links = new(StringComparer.Ordinal);
    private readonly object _lock = new();

    private FakeBluez(DBusConnection connection) => _connection = connection;

    public string Path => "/";

    public bool HandlesChildPaths => true;

    /// <summary>The sensors BlueZ can find, by address.</summary>
    public List<FakeSensor> Sensors { get; } = [];

    /// <summary>Method calls received, as "Member path", for assertions on what the bridge asked.</summary>
    public List<string> Calls { get; } = [];

    /// <summary>Starts the fake on the bus, with an adapter hci0 (none when <paramref name="adapter"/> is false).</summary>
    public static async Task<FakeBluez> StartAsync(string busAddress, bool adapter = true, bool powered = true)
    {
        var connection = new DBusConnection(busAddress);
        await connection.ConnectAsync();
        var bluez = new FakeBluez(connection);
        if (adapter)
        {
            bluez._objects[AdapterPath] = new(StringComparer.Ordinal)
            {
                ["org.bluez.Adapter1"] = new() { ["Address"] = "00:1A:7D:DA:71:13", ["Name"] = "raspberrypi", ["Powered"] = powered, ["Discovering"] = false },
            };
        }

        connection.AddMethodHandler(bluez);
        await connection.RequestNameAsync("org.bluez");
        return bluez;
    }

    public FakeSensor Add(FakeSensor sensor)
    {
        lock (_lock)
        {
            Sensors.Add(sensor);
        }

        return sensor;
    }

    /// <summary>Makes BlueZ forget the sensor, as it does 30 s after its last advertisement when it is not connected.</summary>
    public void Forget(FakeSensor sensor)
    {
        lock (_lock)
        {
            var device = DevicePath(sensor);
            foreach (var path in _objects.Keys.Where(p => p == device || p.StartsWith(device + "/", StringComparison.Ordinal)).ToList())
            {
                _objects.Remove(path);
            }

            _links.Remove(device);
        }
    }

    public ValueTask HandleMethodAsync(MethodContext context)
    {
        var request = context.Request;
        var path = request.PathAsString ?? "/";
        var member = request.MemberAsString ?? string.Empty;
        var iface = request.InterfaceAsString ?? string.Empty;
        lock (_lock)
        {
            Calls.Add($"{member} {path}");
            try
            {
                Handle(context, path, iface, member);
            }
            catch (FakeError e)
            {
                context.ReplyError(e.Name, e.Message);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string P(string id) => $"39e1{id}-84a8-11e2-afba-0002a5d5c51b";

    private static string DevicePath(FakeSensor sensor) => AdapterPath + "/dev_" + sensor.Address.Replace(':', '_');

    private void Handle(MethodContext context, string path, string iface, string member)
    {
        switch (iface, member)
        {
            case ("org.freedesktop.DBus.ObjectManager", "GetManagedObjects"):
                ReplyObjects(context);
                return;
            case (Properties, "Get"):
                {
                    var reader = context.Request.GetBodyReader();
                    var name = reader.ReadString();
                    var property = reader.ReadString();
                    if (!_objects.TryGetValue(path, out var interfaces) || !interfaces.TryGetValue(name, out var properties) || !properties.TryGetValue(property, out var value))
                    {
                        throw new FakeError("org.freedesktop.DBus.Error.InvalidArgs", $"No such property '{property}'");
                    }

                    var writer = context.CreateReplyWriter("v");
                    writer.WriteVariant(value);
                    context.Reply(writer.CreateMessage());
                    writer.Dispose();
                    return;
                }

            case ("org.bluez.Adapter1", "SetDiscoveryFilter" or "StopDiscovery"):
                RequireAdapter(path);
                ReplyEmpty(context);
                return;
            case ("org.bluez.Adapter1", "StartDiscovery"):
                RequireAdapter(path);
                if (!(bool)_objects[AdapterPath]["org.bluez.Adapter1"]["Powered"].GetBool())
                {
                    throw new FakeError("org.bluez.Error.NotReady", "Resource Not Ready");
                }

                foreach (var sensor in Sensors.Where(s => !s.Hidden))
                {
                    Export(sensor);
                }

                ReplyEmpty(context);
                return;
            case ("org.bluez.Device1", "Connect"):
                Connect(LinkAt(path));
                ReplyEmpty(context);
                return;
            case ("org.bluez.Device1", "Disconnect"):
                Disconnect(LinkAt(path));
                ReplyEmpty(context);
                return;
            case (Characteristic, _):
                HandleCharacteristic(context, path, member);
                return;
            default:
                throw new FakeError("org.freedesktop.DBus.Error.UnknownMethod", $"Unknown method {member} of {iface} on {path}");
        }
    }

    private void HandleCharacteristic(MethodContext context, string path, string member)
    {
        if (!_objects.TryGetValue(path, out var interfaces) || !interfaces.TryGetValue(Characteristic, out var properties))
        {
            throw new FakeError("org.freedesktop.DBus.Error.UnknownObject", $"No object at {path}");
        }

        var link = LinkAt(path[..path.IndexOf("/service", StringComparison.Ordinal)]);
        if (!link.Connected)
        {
            throw new FakeError("org.bluez.Error.Failed", "Not connected");
        }

        var uuid = properties["UUID"].GetString();
        switch (member)
        {
            case "ReadValue":
                {
                    var value = Read(link, uuid);
                    var writer = context.CreateReplyWriter("ay");
                    writer.WriteArray(value);
                    context.Reply(writer.CreateMessage());
                    writer.Dispose();
                    Signal(path, Characteristic, new() { ["Value"] = VariantValue.Array(value) });
                    return;
                }

            case "WriteValue":
                {
                    var value = context.Request.GetBodyReader().ReadArrayOfByte();

                    // A pulse is counted before the answer, so a caller whose write is done sees it counted; the other
                    // writes act after it, as the sensor's notifications follow BlueZ's reply.
                    if (uuid == P("fa07"))
                    {
                        link.Sensor.Blinks += value is [1, ..] ? 1 : 0;
                    }

                    ReplyEmpty(context);
                    Write(link, uuid, value);
                    return;
                }

            case "StartNotify":
                link.Notifying.Add(uuid);
                ReplyEmpty(context);
                return;
            case "StopNotify":
                link.Notifying.Remove(uuid);
                ReplyEmpty(context);
                return;
            default:
                throw new FakeError("org.freedesktop.DBus.Error.UnknownMethod", $"Unknown method {member}");
        }
    }

    private static byte[] Read(Link link, string uuid)
    {
        var s = link.Sensor;
        return uuid switch
        {
            "00002a25-0000-1000-8000-00805f9b34fb" => [.. Encoding.ASCII.GetBytes(s.Serial), 0],
            "00002a26-0000-1000-8000-00805f9b34fb" => [.. Encoding.ASCII.GetBytes(s.Firmware), 0],
            "00002a27-0000-1000-8000-00805f9b34fb" => Encoding.ASCII.GetBytes(s.Hardware),
            "00002a19-0000-1000-8000-00805f9b34fb" => [s.BatteryPercent],
            _ when uuid == P("fa01") => U16(s.Live[0]),
            _ when uuid == P("fa02") => U16(s.Live[1]),
            _ when uuid == P("fa03") => U16(s.Live[2]),
            _ when uuid == P("fa04") => U16(s.Live[3]),
            _ when uuid == P("fa05") => U16(s.Live[4]),
            _ when uuid == P("fb02") => [link.TxStatus],
            _ when uuid == P("fc01") => U16((ushort)s.History.Count),
            _ when uuid == P("fc02") => U32((uint)s.LastIndex),
            _ when uuid == P("fc03") => U32(link.TransferStart),
            _ when uuid == P("fc04") => U16(s.SessionId),
            _ when uuid == P("fc05") => U32(s.SessionStartIndex),
            _ when uuid == P("fc06") => U16(s.PeriodSeconds),
            _ when uuid == P("fd01") => U32((uint)(DateTimeOffset.UtcNow - s.StartupUtc).TotalSeconds),
            _ => throw new FakeError("org.bluez.Error.NotPermitted", "Read not permitted"),
        };
    }

    private void Write(Link link, string uuid, byte[] value)
    {
        if (uuid == P("fc03") && value.Length == 4)
        {
            link.TransferStart = BinaryPrimitives.ReadUInt32LittleEndian(value);
        }
        else if (uuid == P("fb03") && value.Length == 1)
        {
            switch (value[0])
            {
                case 1:
                    link.Sensor.TransferStarts.Add(link.TransferStart);
                    link.File = link.Sensor.HistoryFile(link.TransferStart);
                    link.Window = 0;
                    SetTx(link, 1);
                    SendWindow(link);
                    break;
                case 2 when link.File is not null:
                    link.Window++;
                    if (link.Window * 128 >= link.FrameCount)
                    {
                        link.File = null;
                        SetTx(link, 0);
                    }
                    else
                    {
                        SetTx(link, 1);
                        SendWindow(link);
                    }

                    break;
                case 3 when link.File is not null:
                    link.Sensor.Refusals++;
                    SetTx(link, 1);
                    SendWindow(link);
                    break;
                case 0 or 4:
                    link.File = null;
                    if (link.TxStatus != 0)
                    {
                        SetTx(link, 0);
                    }

                    break;
            }
        }
    }

    private void SendWindow(Link link)
    {
        var file = link.File!;
        var sensor = link.Sensor;
        var end = Math.Min((link.Window + 1) * 128, link.FrameCount);
        for (var frame = link.Window * 128; frame < end; frame++)
        {
            if (sensor.DropFrames.Remove(frame))
            {
                continue;
            }

            if (sensor.DisconnectAtFrames.Remove(frame))
            {
                Disconnect(link);
                return;
            }

            if (sensor.StallAtFrames.Remove(frame))
            {
                link.File = null;
                return;
            }

            byte[] payload;
            if (frame == 0)
            {
                payload = [0, 0, .. U32((uint)file.Length)];
            }
            else
            {
                var offset = (frame - 1) * 18;
                payload = [(byte)(frame & 0xFF), (byte)(frame >> 8), .. file.AsSpan(offset, Math.Min(18, file.Length - offset))];
            }

            Notify(link, P("fb01"), payload);
        }

        SetTx(link, 2);
    }

    private void SetTx(Link link, byte status)
    {
        link.TxStatus = status;
        Notify(link, P("fb02"), [status]);
    }

    private void Notify(Link link, string uuid, byte[] value)
    {
        if (link.Notifying.Contains(uuid))
        {
            Signal(link.Characteristics[uuid], Characteristic, new() { ["Value"] = VariantValue.Array(value) });
        }
    }

    private void Connect(Link link)
    {
        if (link.Connected)
        {
            return;
        }

        link.Connected = true;
        _objects[link.Path]["org.bluez.Device1"]["Connected"] = true;
        Signal(link.Path, "org.bluez.Device1", new() { ["Connected"] = true });
        _objects[link.Path]["org.bluez.Battery1"] = new() { ["Percentage"] = link.Sensor.BatteryPercent };
        _objects[link.Path]["org.bluez.Device1"]["ServicesResolved"] = true;
        Signal(link.Path, "org.bluez.Device1", new() { ["ServicesResolved"] = true });
    }

    private void Disconnect(Link link)
    {
        if (!link.Connected)
        {
            return;
        }

        link.Connected = false;
        link.Notifying.Clear();
        link.File = null;
        link.TxStatus = 0;
        _objects[link.Path].Remove("org.bluez.Battery1");
        _objects[link.Path]["org.bluez.Device1"]["Connected"] = false;
        _objects[link.Path]["org.bluez.Device1"]["ServicesResolved"] = false;
        Signal(link.Path, "org.bluez.Device1", new() { ["ServicesResolved"] = false, ["Connected"] = false });
    }

    private void Export(FakeSensor sensor)
    {
        var device = DevicePath(sensor);
        if (_objects.ContainsKey(device))
        {
            return;
        }

        _objects[device] = new(StringComparer.Ordinal)
        {
            ["org.bluez.Device1"] = new()
            {
                ["Address"] = sensor.Address, ["Name"] = sensor.Name, ["Alias"] = sensor.Name, ["RSSI"] = sensor.Rssi, ["Adapter"] = new ObjectPath(AdapterPath),
                ["UUIDs"] = VariantValue.Array(new[] { P("fa00") }), ["Connected"] = false, ["ServicesResolved"] = false, ["Paired"] = false,
            },
        };
        var link = new Link(sensor, device);
        var handle = 0x10;
        foreach (var (service, characteristics) in Profile)
        {
            var servicePath = $"{device}/service{handle:x4}";
            _objects[servicePath] = new(StringComparer.Ordinal) { ["org.bluez.GattService1"] = new() { ["UUID"] = service, ["Primary"] = true, ["Device"] = new ObjectPath(device) } };
            foreach (var uuid in characteristics)
            {
                handle += 3;
                var characteristicPath = $"{servicePath}/char{handle:x4}";
                _objects[characteristicPath] = new(StringComparer.Ordinal) { [Characteristic] = new() { ["UUID"] = uuid, ["Service"] = new ObjectPath(servicePath) } };
                link.Characteristics[uuid] = characteristicPath;
            }

            handle += 0x10;
        }

        _links[device] = link;
    }

    private Link LinkAt(string devicePath) =>
        _links.TryGetValue(devicePath, out var link) ? link : throw new FakeError("org.freedesktop.DBus.Error.UnknownObject", $"No object at {devicePath}");

    private void RequireAdapter(string path)
    {
        if (path != AdapterPath || !_objects.ContainsKey(AdapterPath))
        {
            throw new FakeError("org.freedesktop.DBus.Error.UnknownObject", $"No object at {path}");
        }
    }

    private void ReplyObjects(MethodContext context)
    {
        var writer = context.CreateReplyWriter("a{oa{sa{sv}}}");
        var all = writer.WriteDictionaryStart();
        foreach (var (path, interfaces) in _objects)
        {
            writer.WriteDictionaryEntryStart();
            writer.WriteObjectPath(path);
            var each = writer.WriteDictionaryStart();
            foreach (var (name, properties) in interfaces)
            {
                writer.WriteDictionaryEntryStart();
                writer.WriteString(name);
                writer.WriteDictionary(properties);
            }

            writer.WriteDictionaryEnd(each);
        }

        writer.WriteDictionaryEnd(all);
        context.Reply(writer.CreateMessage());
        writer.Dispose();
    }

    private static void ReplyEmpty(MethodContext context)
    {
        var writer = context.CreateReplyWriter(null);
        context.Reply(writer.CreateMessage());
        writer.Dispose();
    }

    private void Signal(string path, string iface, Dictionary<string, VariantValue> changed)
    {
        var writer = _connection.GetMessageWriter();
        writer.WriteSignalHeader(null, path, Properties, "PropertiesChanged", "sa{sv}as");
        writer.WriteString(iface);
        writer.WriteDictionary(changed);
        writer.WriteArray(Array.Empty<string>());
        _connection.TrySendMessage(writer.CreateMessage());
        writer.Dispose();
    }

    private static byte[] U16(ushort value) => [(byte)value, (byte)(value >> 8)];

    private static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    private sealed class Link(FakeSensor sensor, string path)
    {
        public FakeSensor Sensor { get; } = sensor;

        public string Path { get; } = path;

        public Dictionary<string, string> Characteristics { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Notifying { get; } = new(StringComparer.Ordinal);

        public bool Connected { get; set; }

        public uint TransferStart { get; set; }

        public byte TxStatus { get; set; }

        public byte[]? File { get; set; }

        public int Window { get; set; }

        public int FrameCount => File is null ? 0 : 1 + ((File.Length + 17) / 18);
    }

    private sealed class FakeError(string name, string message) : Exception(message)
    {
        public string Name { get; } = name;
    }
}
