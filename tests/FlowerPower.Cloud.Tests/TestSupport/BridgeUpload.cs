using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;

namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>
/// A synthetic upload as Parrot's sensor bridge sends it: one session of one sensor, six entries every 15 minutes, in
/// a history buffer laid out byte by byte from wire-facts ("The sensor's history buffer"), not with the project's
/// encoder; and the times, indexes and converted values the server must give back, from the published formulas.
/// </summary>
internal sealed class BridgeUpload
{
    public const ushort SessionId = 3;
    public const int Period = 900;

    /// <summary>Raw readings in the buffer's order: air temperature, light, soil EC, soil temperature, soil VWC, battery.</summary>
    public static readonly ushort[][] Readings =
    [
        [700, 1000, 300, 650, 400, 900], [705, 950, 301, 652, 395, 900], [710, 900, 302, 654, 390, 899],
        [715, 850, 303, 656, 385, 899], [720, 800, 304, 658, 380, 898], [725, 750, 305, 660, 375, 898],
    ];

    /// <param name="sensorSerial">The sensor.</param>
    /// <param name="sessionStart">When the sensor started; the first entry is measured then plus <paramref name="entriesBefore"/> periods.</param>
    /// <param name="now">The bridge's clock.</param>
    /// <param name="sessionStartIndex">The session's 32-bit start index.</param>
    /// <param name="entriesBefore">How many entries the session measured before the buffer's first.</param>
    public BridgeUpload(string sensorSerial, DateTimeOffset sessionStart, DateTimeOffset now, long sessionStartIndex = 100, int entriesBefore = 0)
    {
        SensorSerial = sensorSerial;
        SessionStart = sessionStart;
        Now = now;
        SessionStartIndex = sessionStartIndex;
        FirstIndex = sessionStartIndex + entriesBefore;
        var lastSeconds = (uint)((entriesBefore + Readings.Length - 1) * Period);
        Buffer = Lay(lastSeconds, unchecked((ushort)FirstIndex), unchecked((ushort)(FirstIndex + Readings.Length - 1)), SessionId, Period, Readings);
        Expected = Readings.Select((v, i) => new ExpectedSample(
            sessionStart.AddSeconds(lastSeconds - ((Readings.Length - 1 - i) * Period)),
            FirstIndex + i,
            PublishedFits.Light(v[1]),
            PublishedFits.SoilMoisture(v[4]),
            PublishedFits.Temperature(v[0]),
            PublishedFits.Battery(v[5]),
            PublishedFits.Temperature(v[3]))).ToList();
    }

    public string SensorSerial { get; }

    public DateTimeOffset SessionStart { get; }

    public DateTimeOffset Now { get; }

    public long SessionStartIndex { get; }

    /// <summary>The first entry's full (32-bit) index.</summary>
    public long FirstIndex { get; }

    public byte[] Buffer { get; }

    /// <summary>The history index the sensor reached: the last entry's plus one.</summary>
    public long ReachedIndex => FirstIndex + Expected.Count;

    public IReadOnlyList<ExpectedSample> Expected { get; }

    /// <summary>
    /// A history buffer by wire-facts' table: header bytes 0-1 unknown, 2-3 entries, 4-7 last entry's time, 8-9 first
    /// index, 10-11 last index, 12-13 session, 14-15 period; then six big-endian u16 readings per entry.
    /// </summary>
    public static byte[] Lay(uint lastSeconds, ushort firstIndex, ushort lastIndex, ushort session, ushort period, IReadOnlyList<ushort[]> entries, int? count = null)
    {
        var buffer = new byte[16 + (12 * entries.Count)];
        buffer[0] = 0x12;
        buffer[1] = 0x34;
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), (ushort)(count ?? entries.Count));
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), lastSeconds);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(8), firstIndex);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(10), lastIndex);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(12), session);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(14), period);
        for (var e = 0; e < entries.Count; e++)
        {
            for (var v = 0; v < 6; v++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(16 + (12 * e) + (2 * v)), entries[e][v]);
            }
        }

        return buffer;
    }

    public string Json(Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["client_datetime_utc"] = Stamp(Now),
            ["user_config_version"] = 1,
            ["plant_science_database_identifier"] = "en_20150805",
            ["session_histories"] = new List<Dictionary<string, object?>>
            {
                new()
                {
                    ["sensor_serial"] = SensorSerial,
                    ["sensor_startup_timestamp_utc"] = Stamp(SessionStart),
                    ["session_id"] = (int)SessionId,
                    ["session_start_index"] = SessionStartIndex,
                    ["sample_measure_period"] = Period,
                },
            },
            ["uploads"] = new List<Dictionary<string, object?>>
            {
                new()
                {
                    ["sensor_serial"] = SensorSerial,
                    ["upload_timestamp_utc"] = Stamp(Now),
                    ["buffer_base64"] = Convert.ToBase64String(Buffer),
                    ["app_version"] = "flower-bridge 2.0",
                    ["sensor_fw_version"] = "2016-09-14_hawaii-2.0.3",
                    ["sensor_hw_identifier"] = "2013-07-26_hawaiiProduction-1.2",
                },
            },
        };
        change?.Invoke(body);
        return JsonSerializer.Serialize(body);
    }

    /// <summary>An upload of one session of <paramref name="entries"/> entries (the six readings over and over) ending now.</summary>
    public static string Long(string sensorSerial, int entries, DateTimeOffset now)
    {
        var readings = Enumerable.Range(0, entries).Select(i => Readings[i % Readings.Length]).ToList();
        return new BridgeUpload(sensorSerial, now.AddSeconds(-((entries + 4) * (double)Period)), now).Json(json =>
            ((List<Dictionary<string, object?>>)json["uploads"]!)[0]["buffer_base64"] =
                Convert.ToBase64String(Lay((uint)((entries - 1) * Period), 100, (ushort)(100 + entries - 1), SessionId, Period, readings)));
    }

    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>What one entry must read back as: its time, full index and converted values.</summary>
    internal sealed record ExpectedSample(
        DateTimeOffset At, long Index, double Light, double SoilMoisture, double AirTemperature, double Battery, double SoilTemperature);
}
