using System.Globalization;
using System.Text.Json;
using FlowerPower.Cloud.Emulator.Cloud.Uploads;

namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>
/// A synthetic upload as Parrot's sensor bridge sends it: two sessions of one sensor (four measurements every 15
/// minutes from history index 100, then a new session measuring every 10 minutes), and the times and converted
/// values the server must give back.
/// </summary>
internal sealed class BridgeUpload
{
    public const long FirstIndex = 100;

    public BridgeUpload(string sensorSerial, DateTimeOffset firstSessionStart, DateTimeOffset now)
    {
        SensorSerial = sensorSerial;
        SecondSessionStart = firstSessionStart.AddHours(2);
        ushort[][] first = [[600, 300, 120, 500, 800, 1100], [610, 310, 121, 501, 790, 1100], [620, 320, 122, 502, 780, 1099], [630, 330, 123, 503, 770, 1099]];
        ushort[][] second = [[700, 900, 200, 600, 600, 1098], [710, 910, 201, 601, 590, 1098]];
        var records = new List<HistoryRecord>();
        for (var i = 0; i < first.Length; i++)
        {
            records.Add(new HistoryRecord(first[i], FirstIndex: i == 0 ? FirstIndex : 0));
        }

        records.Add(HistoryRecord.Session(4, 600));
        records.AddRange(second.Select(values => new HistoryRecord(values)));
        Buffer = HistoryBuffer.Encode(123_456, 3, 900, records);
        Expected = first.Select((v, i) => (firstSessionStart.AddSeconds(900 * i), v))
            .Concat(second.Select((v, i) => (SecondSessionStart.AddSeconds(600 * i), v)))
            .Select(e => (e.Item1, SensorCalibration.AirTemperatureCelsius(e.v[0]), SensorCalibration.BatteryPercent(e.v[5])))
            .ToList();
        FirstSessionStart = firstSessionStart;
        Now = now;
    }

    public string SensorSerial { get; }

    public DateTimeOffset FirstSessionStart { get; }

    public DateTimeOffset SecondSessionStart { get; }

    public DateTimeOffset Now { get; }

    public byte[] Buffer { get; }

    /// <summary>The history index the sensor reached: the last measurement's plus one.</summary>
    public long ReachedIndex => FirstIndex + Expected.Count;

    public IReadOnlyList<(DateTimeOffset At, double AirTemperature, double Battery)> Expected { get; }

    public string Json(Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["client_datetime_utc"] = Stamp(Now),
            ["user_config_version"] = 1,
            ["plant_science_database_identifier"] = "en_20150805",
            ["session_histories"] = new List<Dictionary<string, object?>>
            {
                Session(3, FirstSessionStart, FirstIndex, 900),
                Session(4, SecondSessionStart, FirstIndex + 4, 600),
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

    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private Dictionary<string, object?> Session(int id, DateTimeOffset start, long index, int period) => new()
    {
        ["sensor_serial"] = SensorSerial,
        ["sensor_startup_timestamp_utc"] = Stamp(start),
        ["session_id"] = id,
        ["session_start_index"] = index,
        ["sample_measure_period"] = period,
    };
}
