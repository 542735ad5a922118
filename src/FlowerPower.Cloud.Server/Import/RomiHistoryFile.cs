using System.Text.Json;
using FlowerPower.Cloud.Sensor;
using FlowerPower.Cloud.Server.Storage;
using FlowerPower.Cloud.Wire.Uploads;

namespace FlowerPower.Cloud.Server.Import;

/// <summary>
/// One file of ROMI's <c>flower-power-history</c> tool (Sony CSL, 2022): a JSON object with the sensor's Bluetooth
/// <c>address</c>, its indexes, <c>period</c> and <c>session-id</c>, and <c>measurements</c>, each with a
/// <c>timestamp</c> (Unix seconds, UTC) and <c>raw-values</c> (<c>air-temperature</c>, <c>soil-temperature</c>,
/// <c>soil-moisture</c>, <c>sunlight</c>). The values are converted from the raw readings with the same fits as an
/// upload's (<see cref="SensorConversions"/>); the file's own converted values and its local-time <c>date</c> are not
/// used. Read whole and checked before anything is imported: one bad measurement keeps the file out, reported by the
/// line it starts on.
/// </summary>
internal static class RomiHistoryFile
{
    private static readonly string[] RawNames = ["air-temperature", "soil-temperature", "soil-moisture", "sunlight"];

    /// <summary>Reads <paramref name="path"/>; the rows when every measurement is good, else the problems.</summary>
    public static (List<SampleRow> Rows, List<ImportProblem> Problems) Read(string path, DateTimeOffset now)
    {
        var name = Path.GetFileName(path);
        var bytes = File.ReadAllBytes(path).AsMemory();
        if (bytes.Span.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        var rows = new List<SampleRow>();
        var problems = new List<ImportProblem>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException exception)
        {
            problems.Add(new ImportProblem(name, (int)(exception.LineNumber ?? 0) + 1, "the file is not JSON written whole"));
            return (rows, problems);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("measurements", out var measurements) || measurements.ValueKind != JsonValueKind.Array)
            {
                problems.Add(new ImportProblem(name, 1, "the file is not a ROMI history: it has no 'measurements' list"));
                return (rows, problems);
            }

            var lines = MeasurementLines(bytes.Span);
            var k = 0;
            foreach (var measurement in measurements.EnumerateArray())
            {
                if (Parse(measurement, now, out var row) is { } reason)
                {
                    problems.Add(new ImportProblem(name, lines[k], $"measurement {k + 1}: {reason}"));
                    if (problems.Count == CsvDumpFile.MaxProblems)
                    {
                        break;
                    }
                }
                else
                {
                    rows.Add(row);
                }

                k++;
            }
        }

        return (problems.Count > 0 ? [] : rows, problems);
    }

    /// <summary>Reads one measurement; the reason it is bad, or null.</summary>
    private static string? Parse(JsonElement measurement, DateTimeOffset now, out SampleRow row)
    {
        row = default;
        if (measurement.ValueKind != JsonValueKind.Object)
        {
            return "it is not an object";
        }

        if (!measurement.TryGetProperty("timestamp", out var stamp) || stamp.ValueKind != JsonValueKind.Number ||
            !stamp.TryGetDouble(out var seconds) || !double.IsFinite(seconds))
        {
            return "it has no 'timestamp' in Unix seconds";
        }

        var earliest = UploadParser.EarliestSample.ToUnixTimeSeconds();
        var latest = (now + UploadParser.ClockTolerance).ToUnixTimeSeconds();
        if (seconds < earliest || seconds > latest)
        {
            return FormattableString.Invariant($"its timestamp {seconds:R} is not between {UploadParser.EarliestSample:yyyy-MM-dd} and tomorrow");
        }

        if (!measurement.TryGetProperty("raw-values", out var raw) || raw.ValueKind != JsonValueKind.Object)
        {
            return "it has no 'raw-values'";
        }

        var values = new int[RawNames.Length];
        for (var i = 0; i < RawNames.Length; i++)
        {
            if (!raw.TryGetProperty(RawNames[i], out var value) || value.ValueKind != JsonValueKind.Number ||
                !value.TryGetInt32(out values[i]) || values[i] is < 0 or > ushort.MaxValue)
            {
                return $"raw-values '{RawNames[i]}' is not a reading from 0 to 65535";
            }
        }

        var index = measurement.TryGetProperty("index", out var number) && number.TryGetInt64(out var i64) ? i64 : 0;
        var readings = new RawReadings(values[0], values[3], SoilEc: null, values[1], values[2], Battery: null);
        var captured = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        row = SampleRow.From(UploadedSample.From(captured, index, readings));
        return null;
    }

    /// <summary>The line each element of the top-level <c>measurements</c> list starts on, in order.</summary>
    private static List<int> MeasurementLines(ReadOnlySpan<byte> json)
    {
        var lines = new List<int>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
        var (line, counted) = (1, 0);
        var inMeasurements = false;
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
            {
                inMeasurements = reader.ValueTextEquals("measurements"u8);
                continue;
            }

            if (inMeasurements && reader.CurrentDepth == 2 && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray))
            {
                var start = (int)reader.TokenStartIndex;
                line += json[counted..start].Count((byte)'\n');
                counted = start;
                lines.Add(line);
                reader.Skip();
            }
        }

        return lines;
    }
}
