using System.Globalization;
using System.Text;
using CsvHelper;

namespace FlowerPower.Cloud.Samples;

/// <summary>
/// Writes samples as CSV with CsvHelper, the job Parrot's own CSV-Dump tool did, in the wire's units and with the
/// unit in every column's name.
/// </summary>
internal sealed class CsvExport : IDisposable
{
    public static readonly string[] Columns =
    [
        "location_identifier", "plant_nickname", "capture_datetime_utc", "light_mol_m2_day", "fertilizer_level_ms_cm",
        "air_temperature_celsius", "soil_moisture_percent", "calibrated_soil_moisture_percent", "battery_percent",
    ];

    private readonly CsvWriter _csv;

    public CsvExport(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _csv = CsvWriter.Create(new StreamWriter(Path, append: false, new UTF8Encoding(false)), new CsvWriterOptions(), false);
        foreach (var column in Columns)
        {
            _csv.WriteField(column);
        }

        _csv.EndRecord();
    }

    public string Path { get; }

    public int Rows { get; private set; }

    public void Write(string locationIdentifier, string plantNickname, Sample sample)
    {
        _csv.WriteField(locationIdentifier);
        _csv.WriteField(plantNickname);
        _csv.WriteField(sample.CaptureDatetimeUtc?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        foreach (var value in new[] { sample.Light, sample.FertilizerLevel, sample.AirTemperatureCelsius, sample.SoilMoisturePercent, sample.CalibratedSoilMoisturePercent, sample.BatteryPercent })
        {
            _csv.WriteField(value?.ToString(CultureInfo.InvariantCulture));
        }

        _csv.EndRecord();
        Rows++;
    }

    public void Dispose() => _csv.Dispose();
}
