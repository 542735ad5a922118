using System.Globalization;
using System.Text;
using FlowerPower.Cloud;

namespace FlowerPower.Cloud.Samples;

/// <summary>Writes samples as CSV, the job Parrot's own CSV-Dump tool did.</summary>
internal sealed class CsvExport : IDisposable
{
    public const string Header =
        "location_identifier,plant_nickname,capture_datetime_utc,light,fertilizer_level,air_temperature_celsius,soil_moisture_percent,calibrated_soil_moisture_percent,battery_percent,water_tank_level_percent";

    private readonly StreamWriter _writer;

    public CsvExport(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _writer = new StreamWriter(Path, append: false, new UTF8Encoding(false));
        _writer.WriteLine(Header);
    }

    public string Path { get; }

    public int Rows { get; private set; }

    public void Write(string locationIdentifier, string plantNickname, Sample sample)
    {
        _writer.Write(Escape(locationIdentifier));
        _writer.Write(',');
        _writer.Write(Escape(plantNickname));
        _writer.Write(',');
        _writer.Write(sample.CaptureDatetimeUtc?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        foreach (var value in new[] { sample.Light, sample.FertilizerLevel, sample.AirTemperatureCelsius, sample.SoilMoisturePercent, sample.CalibratedSoilMoisturePercent, sample.BatteryPercent, sample.WaterTankLevelPercent })
        {
            _writer.Write(',');
            _writer.Write(value?.ToString(CultureInfo.InvariantCulture));
        }

        _writer.WriteLine();
        Rows++;
    }

    public void Dispose() => _writer.Dispose();

    private static string Escape(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
