using System.Buffers.Binary;

namespace FlowerPower.Cloud.Tests.TestSupport.Bluez;

/// <summary>
/// A Flower Power as the fake BlueZ serves it: what it says it is, its live readings, its history (entries by index)
/// and its clock, and the faults a test asks for. The history file it sends is written here, independently of the
/// bridge's reader: the 16-byte big-endian header and 12-byte entries of wire-facts.
/// </summary>
internal sealed class FakeSensor(string address, string serial)
{
    public string Address { get; } = address;

    public string Serial { get; } = serial;

    public string Name => "Flower power " + Address.Replace(":", string.Empty, StringComparison.Ordinal)[^4..];

    public string Firmware { get; set; } = "2015-12-04_hawaii-2.0.3_hardware-config-MP";

    public string Hardware { get; set; } = "FCC-1.0 2014-04-23";

    public short Rssi { get; set; } = -60;

    public byte BatteryPercent { get; set; } = 87;

    public ushort[] Live { get; set; } = [1000, 200, 500, 520, 700];

    /// <summary>When the sensor started, for its clock (seconds since then).</summary>
    public DateTimeOffset StartupUtc { get; set; } = new(DateTimeOffset.UtcNow.Ticks - (DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    public ushort PeriodSeconds { get; set; } = 900;

    public ushort SessionId { get; set; } = 7;

    public uint SessionStartIndex { get; set; }

    /// <summary>The entries held, the oldest first; the last one is the newest.</summary>
    public SortedDictionary<long, FakeEntry> History { get; } = [];

    /// <summary>Not seen by any scan.</summary>
    public bool Hidden { get; set; }

    /// <summary>Frames left out once each, the first time they are sent.</summary>
    public HashSet<int> DropFrames { get; } = [];

    /// <summary>Frames at which the link is lost once each.</summary>
    public HashSet<int> DisconnectAtFrames { get; } = [];

    /// <summary>Frames at which the transfer stops for good, once each.</summary>
    public HashSet<int> StallAtFrames { get; } = [];

    /// <summary>Times the LED was pulsed.</summary>
    public int Blinks { get; set; }

    /// <summary>Transfers started, and the start index each asked for.</summary>
    public List<uint> TransferStarts { get; } = [];

    /// <summary>Windows refused by the bridge.</summary>
    public int Refusals { get; set; }

    public long LastIndex => History.Count == 0 ? 0 : History.Keys.Max();

    /// <summary>Fills the history with <paramref name="count"/> entries ending at <paramref name="lastIndex"/>, the last one measured at <paramref name="now"/>.</summary>
    public FakeSensor WithHistory(int count, long lastIndex, DateTimeOffset now)
    {
        History.Clear();
        for (var i = lastIndex - count + 1; i <= lastIndex; i++)
        {
            History[i] = FakeEntry.For(i);
        }

        SessionStartIndex = (uint)(lastIndex - count + 1);
        StartupUtc = now.AddSeconds(-((count - 1) * PeriodSeconds) - 30);
        StartupUtc = new DateTimeOffset(StartupUtc.Ticks - (StartupUtc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return this;
    }

    /// <summary>Measures <paramref name="count"/> more entries, a period apart after the last (give the history room with WithHistory's end).</summary>
    public void Measure(int count)
    {
        var last = LastIndex;
        for (var i = last + 1; i <= last + count; i++)
        {
            History[i] = FakeEntry.For(i);
        }
    }

    /// <summary>The time the sensor measured entry <paramref name="index"/>: startup + its offset in the session.</summary>
    public DateTimeOffset TimeOf(long index) => StartupUtc.AddSeconds(LastEntrySeconds - ((LastIndex - index) * PeriodSeconds));

    /// <summary>The last entry's time in sensor seconds: 30 s into its period.</summary>
    public uint LastEntrySeconds => (uint)(((LastIndex - SessionStartIndex) * PeriodSeconds) + 30);

    /// <summary>The history file from <paramref name="start"/> to the last entry.</summary>
    public byte[] HistoryFile(long start)
    {
        var entries = History.Where(e => e.Key >= start).ToList();
        var file = new byte[16 + (entries.Count * 12)];
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(2), (ushort)entries.Count);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(4), LastEntrySeconds);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(8), (ushort)(entries.Count == 0 ? 0 : entries[0].Key));
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(10), (ushort)LastIndex);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(12), SessionId);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(14), PeriodSeconds);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i].Value;
            ushort[] values = [e.AirTemperature, e.Light, e.SoilEc, e.SoilTemperature, e.SoilVwc, e.Battery];
            for (var v = 0; v < values.Length; v++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(16 + (i * 12) + (v * 2)), values[v]);
            }
        }

        return file;
    }
}
