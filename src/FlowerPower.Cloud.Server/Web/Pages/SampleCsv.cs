using System.Globalization;
using System.Text;
using CsvHelper;

namespace FlowerPower.Cloud.Server.Web.Pages;

/// <summary>A span of one plant's samples as CSV: the columns of the console sample's export, units in the headers.</summary>
internal static class SampleCsv
{
    public static readonly string[] Columns =
    [
        "location_identifier", "plant_nickname", "capture_datetime_utc", "light_mol_m2_day", "fertilizer_level_ms_cm",
        "air_temperature_celsius", "soil_moisture_percent", "calibrated_soil_moisture_percent", "battery_percent",
    ];

    /// <summary>Writes the CSV into <paramref name="body"/>; the whole span, never downsampled.</summary>
    public static async Task WriteAsync(Stream body, string locationIdentifier, string? nickname, IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
    {
        // Written to memory first: CsvHelper writes synchronously, and Kestrel refuses synchronous writes to a response.
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true), new CsvWriterOptions(), false))
        {
            foreach (var column in Columns)
            {
                csv.WriteField(column);
            }

            csv.EndRecord();
            foreach (var sample in samples)
            {
                cancellationToken.ThrowIfCancellationRequested();
                csv.WriteField(Text(locationIdentifier));
                csv.WriteField(Text(nickname ?? string.Empty));
                csv.WriteField(sample.CaptureDatetimeUtc?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                foreach (var value in new[] { sample.Light, sample.FertilizerLevel, sample.AirTemperatureCelsius, sample.SoilMoisturePercent, sample.CalibratedSoilMoisturePercent, sample.BatteryPercent })
                {
                    csv.WriteField(value?.ToString(CultureInfo.InvariantCulture));
                }

                csv.EndRecord();
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(body, cancellationToken);
    }

    /// <summary>
    /// A text cell a spreadsheet will not run: one that begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a
    /// carriage return (a formula to Excel, LibreOffice and Google Sheets) gets a leading apostrophe, as OWASP's
    /// CSV-injection guidance says. Numbers and times are written by the server and never start so.
    /// </summary>
    public static string Text(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
