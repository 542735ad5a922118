using System.Globalization;
using System.Text;
using FlowerPower.Cloud.Server.Import;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>Parrot's CSV-Dump files imported into a garden: exactly, once, and never half a file.</summary>
public sealed class CsvDumpImportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flowerpower-csv-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task An_import_is_read_back_exactly_by_the_sdk_and_a_second_import_adds_nothing(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        var start = Hour(DateTimeOffset.UtcNow.AddDays(-12));
        var written = WriteDump("Flower power 0185", start, 1000);
        WriteDump("Flower power NEW1", start, 10);
        var importer = new CsvDumpImporter(session.OpenDatabase(), TimeProvider.System);

        var first = await importer.ImportAsync(_folder, ServerSession.Alice, null, TextWriter.Null, Ct);
        var second = await importer.ImportAsync(_folder, ServerSession.Alice, null, TextWriter.Null, Ct);
        using var client = new FlowerPowerClient(session.Options());
        var read = await client.GetSamplesAsync(session.AliceLocation, start, start.AddDays(11), Ct);
        var garden = await client.GetGardenConfigurationAsync(Ct);
        var status = await client.GetGardenStatusAsync(Ct);

        Assert.Equal(1010, first.SamplesAdded);
        Assert.Equal(0, second.SamplesAdded);
        Assert.Equal(1010, second.SamplesRead);
        Assert.Equal(written.Count, read.Samples.Count);
        for (var i = 0; i < written.Count; i++)
        {
            Assert.Equal(written[i].At, read.Samples[i].CaptureDatetimeUtc);
            Assert.Equal(written[i].Light, read.Samples[i].Light);
            Assert.Equal(written[i].Fertilizer, read.Samples[i].FertilizerLevel);
            Assert.Equal(written[i].Moisture, read.Samples[i].SoilMoisturePercent);
            Assert.Equal(written[i].Temperature, read.Samples[i].AirTemperatureCelsius);
        }

        Assert.Equal(2, garden.Locations.Count);
        Assert.Contains(garden.Locations, l => l.PlantNickname == "Flower power NEW1" && l.Sensor?.SensorIdentifier == "Flower power NEW1");
        var basil = status.Locations.Single(l => l.LocationIdentifier == session.AliceLocation);
        Assert.Equal(1000, basil.TotalSampleCount);
        Assert.Equal(written[^1].At, basil.LastSampleUtc);
        Assert.NotNull(basil.Watering?.StatusKey);
        Assert.NotNull(basil.Light?.GaugeValues?.CurrentValue);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task An_import_grows_the_version_numbers(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        using var client = new FlowerPowerClient(session.Options());
        var before = await client.GetVersionsAsync(Ct);
        WriteDump("Flower power 0185", Hour(DateTimeOffset.UtcNow.AddDays(-1)), 5);
        WriteDump("Flower power NEW2", Hour(DateTimeOffset.UtcNow.AddDays(-1)), 5);

        await new CsvDumpImporter(session.OpenDatabase(), TimeProvider.System).ImportAsync(_folder, ServerSession.Alice, null, TextWriter.Null, Ct);
        var after = await client.GetVersionsAsync(Ct);

        Assert.True(after.GardenStatusVersion > before.GardenStatusVersion);
        Assert.True(after.UserConfigVersion > before.UserConfigVersion);
    }

    public static TheoryData<string, string, int, string> BadFiles() => new()
    {
        { TestDatabase.Sqlite, "capture_datetime_utc,light\n2019-01-01 00:00:00 UTC,1\n", 1, "the header is not" },
        { TestDatabase.Sqlite, Good + "2019-13-01 00:00:00 UTC,1,2,3,4\n", 3, "is not a date written YYYY-MM-DD HH:MM:SS UTC" },
        { TestDatabase.Sqlite, Good + "2019-01-01T00:15:00Z,1,2,3,4\n", 3, "is not a date written" },
        { TestDatabase.Sqlite, Good + "2019-01-01 00:15:00 UTC,1,lots,3,4\n", 3, "light 'lots' is not a number" },
        { TestDatabase.Sqlite, Good + "2019-01-01 00:15:00 UTC,1,2,3\n", 3, "expected 5 fields, found 4" },
        { TestDatabase.Sqlite, Good + "2019-01-01 00:15:00 UTC,1,2,3,NaN\n", 3, "air_temperature_celsius 'NaN' is not a number" },
        { TestDatabase.Postgres, Good + "2019-01-01 00:15:00 UTC,1,2,3\n", 3, "expected 5 fields, found 4" },
        { TestDatabase.Postgres, Good + "2019-01-01 00:15:00 UTC,x,2,3,4\n", 3, "fertilizer_level 'x' is not a number" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_reported_by_file_and_line_and_nothing_of_it_is_imported(string kind, string content, int line, string reason)
    {
        await using var session = await ServerSession.StartAsync(kind);
        await File.WriteAllTextAsync(Path.Combine(_folder, "Flower power 0185.csv"), content + Good[Good.IndexOf('\n', StringComparison.Ordinal)..].TrimStart('\n'), Ct);
        WriteDump("Flower power GOOD", new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), 3);

        var report = await new CsvDumpImporter(session.OpenDatabase(), TimeProvider.System).ImportAsync(_folder, ServerSession.Alice, null, TextWriter.Null, Ct);
        using var client = new FlowerPowerClient(session.Options());
        var status = await client.GetGardenStatusAsync(Ct);

        var problem = Assert.Single(report.Problems);
        Assert.Equal("Flower power 0185.csv", problem.File);
        Assert.Equal(line, problem.Line);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
        Assert.Equal(1, report.FilesRefused);
        Assert.Equal(1, report.FilesImported);
        Assert.Equal(0, status.Locations.Single(l => l.LocationIdentifier == session.AliceLocation).TotalSampleCount);
    }

    [Fact]
    public async Task An_import_for_a_user_that_does_not_exist_is_refused()
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        WriteDump("Flower power 0185", DateTimeOffset.UtcNow.AddDays(-1), 2);

        var error = await Assert.ThrowsAsync<FlowerPower.Cloud.Server.Administration.AdminException>(() =>
            new CsvDumpImporter(session.OpenDatabase(), TimeProvider.System).ImportAsync(_folder, "nobody@example.invalid", null, TextWriter.Null, Ct));

        Assert.Contains("no user nobody@example.invalid", error.Message, StringComparison.Ordinal);
    }

    private const string Good = "capture_datetime_utc,fertilizer_level,light,soil_moisture_percent,air_temperature_celsius\n2019-01-01 00:00:00 UTC,1,2,3,4\n";

    private static DateTimeOffset Hour(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, 0, 0, TimeSpan.Zero);

    private List<(DateTimeOffset At, double Light, double Fertilizer, double Moisture, double Temperature)> WriteDump(string sensor, DateTimeOffset start, int count)
    {
        var rows = new List<(DateTimeOffset, double, double, double, double)>();
        var text = new StringBuilder(CsvDumpFile.Header).Append('\n');
        for (var i = 0; i < count; i++)
        {
            var at = start.AddMinutes(15 * i);
            var row = (at, Math.Round((i % 96) * 0.37, 2), Math.Round(0.5 + (i % 7 * 0.11), 2), Math.Round(40 - (i % 200 * 0.1), 2), Math.Round(18 + (i % 96 * 0.05), 2));
            rows.Add(row);
            text.Append(CultureInfo.InvariantCulture, $"{at:yyyy-MM-dd HH:mm:ss} UTC,{row.Item3},{row.Item2},{row.Item4},{row.Item5}\n");
        }

        File.WriteAllText(Path.Combine(_folder, sensor + ".csv"), text.ToString());
        return rows;
    }
}
