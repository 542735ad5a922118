using System.Globalization;
using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Server.Import;

/// <summary>
/// One file of Parrot's CSV-Dump tool: named <c>&lt;sensor_identifier&gt;.csv</c>, a header
/// <c>capture_datetime_utc,fertilizer_level,light,soil_moisture_percent,air_temperature_celsius</c>, dates written
/// <c>YYYY-MM-DD HH:MM:SS UTC</c>. Read whole and checked before anything is imported: one bad line keeps the file out.
/// </summary>
internal static class CsvDumpFile
{
    public const string Header = "capture_datetime_utc,fertilizer_level,light,soil_moisture_percent,air_temperature_celsius";

    /// <summary>At most this many problems are listed for one file.</summary>
    public const int MaxProblems = 20;

    /// <summary>Reads <paramref name="path"/>; the rows when every line is good, else the problems.</summary>
    public static (List<SampleRow> Rows, List<ImportProblem> Problems) Read(string path)
    {
        var name = Path.GetFileName(path);
        var rows = new List<SampleRow>();
        var problems = new List<ImportProblem>();
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var header = reader.ReadLine();
        if (header is null || header.Trim() != Header)
        {
            problems.Add(new ImportProblem(name, 1, $"the header is not '{Header}'"));
            return (rows, problems);
        }

        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            if (Parse(line, out var row) is { } reason)
            {
                if (problems.Count < MaxProblems)
                {
                    problems.Add(new ImportProblem(name, number, reason));
                }
                else
                {
                    break;
                }

                continue;
            }

            rows.Add(row);
        }

        return (problems.Count > 0 ? [] : rows, problems);
    }

    /// <summary>Reads one line; the reason it is bad, or null.</summary>
    public static string? Parse(ReadOnlySpan<char> line, out SampleRow row)
    {
        row = default;
        Span<Range> fields = stackalloc Range[6];
        var count = line.TrimEnd('\r').Split(fields, ',');
        if (count != 5)
        {
            return $"expected 5 fields, found {count}";
        }

        var text = line[fields[0]].Trim();
        if (!DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var captured))
        {
            return $"'{text.ToString()}' is not a date written YYYY-MM-DD HH:MM:SS UTC";
        }

        double? fertilizer, light, moisture, temperature;
        if (Number(line[fields[1]], "fertilizer_level", out fertilizer) is { } bad1)
        {
            return bad1;
        }

        if (Number(line[fields[2]], "light", out light) is { } bad2)
        {
            return bad2;
        }

        if (Number(line[fields[3]], "soil_moisture_percent", out moisture) is { } bad3)
        {
            return bad3;
        }

        if (Number(line[fields[4]], "air_temperature_celsius", out temperature) is { } bad4)
        {
            return bad4;
        }

        row = new SampleRow(
            new DateTimeOffset(captured, TimeSpan.Zero).ToUnixTimeMilliseconds(), light, fertilizer, temperature, moisture, null, null);
        return null;
    }

    private static string? Number(ReadOnlySpan<char> field, string name, out double? value)
    {
        value = null;
        field = field.Trim();
        if (field.IsEmpty)
        {
            return null;
        }

        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return $"{name} '{field.ToString()}' is not a number";
        }

        value = number;
        return null;
    }
}
