using System.Buffers.Binary;
using System.Text;
using System.Threading.Channels;
using FlowerPower.Cloud.Bridge.Bluetooth;
using FlowerPower.Cloud.Sensor;

namespace FlowerPower.Cloud.Bridge.Sensors;

/// <summary>
/// A connected Flower Power: its identity, live readings, history state, the history download over the upload service
/// (wire-facts, "The sensor over Bluetooth LE") and its LED. Disposing it closes the link.
/// </summary>
internal sealed class FlowerPowerSensor : IAsyncDisposable
{
    /// <summary>Refusals of one window before the transfer is given up as garbled.</summary>
    public const int MaxRefusalsPerWindow = 8;

    private readonly IReadOnlyDictionary<string, GattCharacteristic> _characteristics;
    private readonly SensorTimings _timings;
    private readonly TimeProvider _time;

    private FlowerPowerSensor(BluezDevice device, IReadOnlyDictionary<string, GattCharacteristic> characteristics, SensorTimings timings, TimeProvider time)
    {
        Device = device;
        _characteristics = characteristics;
        _timings = timings;
        _time = time;
    }

    /// <summary>The device under it.</summary>
    public BluezDevice Device { get; }

    /// <summary>Connects to the device and checks it is a Flower Power (its live and history characteristics).</summary>
    /// <param name="device">The device a scan found.</param>
    /// <param name="timings">How long to wait.</param>
    /// <param name="time">The clock the sensor's startup time is read against.</param>
    /// <param name="cancellationToken">Stops the attempt.</param>
    /// <returns>The connected sensor.</returns>
    public static async Task<FlowerPowerSensor> ConnectAsync(BluezDevice device, SensorTimings timings, TimeProvider time, CancellationToken cancellationToken)
    {
        var characteristics = await device.ConnectAsync(timings.Connect, cancellationToken);
        string[] required = [SensorProfile.SerialNumber, SensorProfile.LiveLight, SensorProfile.HistoryLastEntryIndex, SensorProfile.TransferBuffer, SensorProfile.Clock];
        if (required.FirstOrDefault(uuid => !characteristics.ContainsKey(uuid)) is { } missing)
        {
            await device.DisconnectAsync();
            throw new BluetoothException(BluetoothProblem.NotAFlowerPower, $"{device.Name ?? device.Address} has no characteristic {missing}: not a Flower Power, or BlueZ's cache of it is stale (bluetoothctl remove {device.Address}).");
        }

        return new FlowerPowerSensor(device, characteristics, timings, time);
    }

    /// <summary>Reads Device Information: serial, firmware and hardware revision.</summary>
    /// <param name="cancellationToken">Stops the reads.</param>
    /// <returns>The identity.</returns>
    public async Task<SensorIdentity> ReadIdentityAsync(CancellationToken cancellationToken)
    {
        var serial = await ReadTextAsync(SensorProfile.SerialNumber, cancellationToken);
        var firmware = await ReadTextAsync(SensorProfile.FirmwareRevision, cancellationToken);
        var hardware = await ReadTextAsync(SensorProfile.HardwareRevision, cancellationToken);
        var name = Device.Name ?? SensorProfile.AdvertisedName(Device.Address) ?? Device.Address;
        return new SensorIdentity(Device.Address, name, serial, firmware, hardware);
    }

    /// <summary>Reads the five live readings and BlueZ's battery level.</summary>
    /// <param name="cancellationToken">Stops the reads.</param>
    /// <returns>The readings.</returns>
    public async Task<LiveReadings> ReadLiveAsync(CancellationToken cancellationToken) => new(
        await ReadUInt16Async(SensorProfile.LiveLight, cancellationToken),
        await ReadUInt16Async(SensorProfile.LiveSoilEc, cancellationToken),
        await ReadUInt16Async(SensorProfile.LiveSoilTemperature, cancellationToken),
        await ReadUInt16Async(SensorProfile.LiveAirTemperature, cancellationToken),
        await ReadUInt16Async(SensorProfile.LiveSoilMoisture, cancellationToken),
        await Device.BatteryPercentAsync(cancellationToken));

    /// <summary>Reads the history service and the clock.</summary>
    /// <param name="cancellationToken">Stops the reads.</param>
    /// <returns>The state.</returns>
    public async Task<HistoryState> ReadHistoryStateAsync(CancellationToken cancellationToken)
    {
        var entries = await ReadUInt16Async(SensorProfile.HistoryEntryCount, cancellationToken);
        var last = await ReadUInt32Async(SensorProfile.HistoryLastEntryIndex, cancellationToken);
        var session = await ReadUInt16Async(SensorProfile.HistorySessionId, cancellationToken);
        var sessionStart = await ReadUInt32Async(SensorProfile.HistorySessionStartIndex, cancellationToken);
        var period = await ReadUInt16Async(SensorProfile.HistoryPeriod, cancellationToken);
        var uptime = await ReadUInt32Async(SensorProfile.Clock, cancellationToken);
        var startup = _time.GetUtcNow().AddSeconds(-uptime);
        return new HistoryState(entries, last, session, sessionStart, period, new DateTimeOffset(startup.Ticks - (startup.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
    }

    /// <summary>
    /// Downloads the history from <paramref name="startIndex"/> to the last entry over the upload service and checks it
    /// against its own header. A window with a frame missing is refused (sent again); a lost link, a transfer that
    /// stops, or one that ends incomplete throws, and nothing of it is kept.
    /// </summary>
    /// <param name="startIndex">The first entry to send.</param>
    /// <param name="cancellationToken">Stops the transfer.</param>
    /// <returns>The history buffer, whole and checked.</returns>
    public async Task<byte[]> DownloadHistoryAsync(long startIndex, CancellationToken cancellationToken)
    {
        var events = Channel.CreateUnbounded<(TransferEvent Kind, byte[] Value)>(new UnboundedChannelOptions { SingleReader = true });
        var receiver = new HistoryReceiver();
        var rx = Characteristic(SensorProfile.ReceiverStatus);
        var tx = Characteristic(SensorProfile.TransferStatus);
        using var link = await Device.WatchLinkAsync(() => events.Writer.TryWrite((TransferEvent.LinkLost, [])));
        if ((await tx.ReadAsync(cancellationToken)) is [not (byte)TransferStatus.Idle, ..])
        {
            await rx.WriteAsync([(byte)ReceiverStatus.Cancel], cancellationToken);
        }

        var start = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(start, checked((uint)startIndex));
        await Characteristic(SensorProfile.HistoryTransferStartIndex).WriteAsync(start, cancellationToken);
        await using (await tx.SubscribeAsync(v => events.Writer.TryWrite((TransferEvent.Status, v)), cancellationToken))
        await using (await Characteristic(SensorProfile.TransferBuffer).SubscribeAsync(v => events.Writer.TryWrite((TransferEvent.Frame, v)), cancellationToken))
        {
            await rx.WriteAsync([(byte)ReceiverStatus.Receiving], cancellationToken);
            var started = false;
            var refusals = 0;
            while (true)
            {
                var (kind, value) = await NextAsync(events.Reader, cancellationToken);
                if (kind == TransferEvent.LinkLost)
                {
                    throw new BluetoothException(BluetoothProblem.Disconnected, $"{Device.Name ?? Device.Address} disconnected during the history transfer");
                }

                if (kind == TransferEvent.Frame)
                {
                    receiver.Accept(value);
                    continue;
                }

                var status = value is [var b, ..] ? (TransferStatus)b : TransferStatus.Idle;
                if (status == TransferStatus.Transferring)
                {
                    started = true;
                }
                else if (status == TransferStatus.WaitingForAcknowledgement)
                {
                    started = true;
                    if (receiver.WindowComplete)
                    {
                        receiver.NextWindow();
                        refusals = 0;
                        await rx.WriteAsync([(byte)ReceiverStatus.Acknowledge], cancellationToken);
                    }
                    else if (++refusals > MaxRefusalsPerWindow)
                    {
                        throw new BluetoothException(BluetoothProblem.Garbled, $"{Device.Name ?? Device.Address} kept dropping frames of one window ({MaxRefusalsPerWindow} refusals)");
                    }
                    else
                    {
                        await rx.WriteAsync([(byte)ReceiverStatus.Refuse], cancellationToken);
                    }
                }
                else if (started)
                {
                    break;
                }
            }

            await rx.WriteAsync([(byte)ReceiverStatus.Standby], cancellationToken);
        }

        var buffer = receiver.Assemble();
        if (!HistoryBuffer.TryDecode(buffer, out var header, out _, out var problem))
        {
            throw new BluetoothException(BluetoothProblem.Garbled, $"{Device.Name ?? Device.Address} sent a history that does not fit its own header: {problem}");
        }

        if (header.EntryCount > 0 && header.FirstIndex != (ushort)startIndex)
        {
            throw new BluetoothException(BluetoothProblem.Garbled, $"{Device.Name ?? Device.Address} sent its history from index {header.FirstIndex}, not from {(ushort)startIndex} as asked");
        }

        return buffer;
    }

    /// <summary>Pulses the LED, so an owner sees which sensor this is.</summary>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>When the sensor has answered.</returns>
    public Task BlinkAsync(CancellationToken cancellationToken) => Characteristic(SensorProfile.Led).WriteAsync([1], cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(Device.DisconnectAsync());

    private async Task<(TransferEvent Kind, byte[] Value)> NextAsync(ChannelReader<(TransferEvent Kind, byte[] Value)> events, CancellationToken cancellationToken)
    {
        if (events.TryRead(out var next))
        {
            return next;
        }

        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(_timings.Stall);
        try
        {
            return await events.ReadAsync(stall.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BluetoothException(BluetoothProblem.Stalled, $"{Device.Name ?? Device.Address} stopped sending its history ({_timings.Stall.TotalSeconds:0.#} s without a frame)");
        }
    }

    private GattCharacteristic Characteristic(string uuid) =>
        _characteristics.TryGetValue(uuid, out var characteristic)
            ? characteristic
            : throw new BluetoothException(BluetoothProblem.NotAFlowerPower, $"{Device.Name ?? Device.Address} has no characteristic {uuid}");

    private async Task<string> ReadTextAsync(string uuid, CancellationToken cancellationToken)
    {
        if (!_characteristics.ContainsKey(uuid))
        {
            return string.Empty;
        }

        var bytes = await Characteristic(uuid).ReadAsync(cancellationToken);
        var end = Array.IndexOf(bytes, (byte)0);
        return Encoding.UTF8.GetString(bytes, 0, end < 0 ? bytes.Length : end).Trim();
    }

    private async Task<int> ReadUInt16Async(string uuid, CancellationToken cancellationToken)
    {
        var bytes = await Characteristic(uuid).ReadAsync(cancellationToken);
        return bytes.Length >= 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(bytes)
            : throw new BluetoothException(BluetoothProblem.Garbled, $"{uuid} of {Device.Name ?? Device.Address} gave {bytes.Length} bytes, not 2");
    }

    private async Task<long> ReadUInt32Async(string uuid, CancellationToken cancellationToken)
    {
        var bytes = await Characteristic(uuid).ReadAsync(cancellationToken);
        return bytes.Length >= 4
            ? BinaryPrimitives.ReadUInt32LittleEndian(bytes)
            : throw new BluetoothException(BluetoothProblem.Garbled, $"{uuid} of {Device.Name ?? Device.Address} gave {bytes.Length} bytes, not 4");
    }

    private enum TransferEvent
    {
        Frame,
        Status,
        LinkLost,
    }
}
