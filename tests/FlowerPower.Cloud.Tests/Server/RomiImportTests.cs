using System.Globalization;
using System.Text;
using FlowerPower.Cloud.Server.CommandLine;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// A history downloaded over Bluetooth by ROMI's <c>flower-power-history</c> tool, imported with
/// <c>import romi-json FILE --user EMAIL --sensor SERIAL</c>: converted from its raw values with the uploads' fits,
/// served back through the SDK, once however often it is imported, and refused whole, by line, when a measurement is bad.
/// </summary>
public sealed class RomiImportTests : IDisposable
{
    private const string Sensor = ServerSession.AliceSensor;

    private readonly string _folder = Directory.CreateTempSubdirectory("flowerpower-romi-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_romi_file_imports_converted_from_its_raw_values_serves_back_and_a_second_import_adds_nothing(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        var start = new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero);
        var path = WriteFile(start, 40);
        var first = new StringWriter();
        var second = new StringWriter();

        var firstExit = await ServerCommandLine.RunAsync(
            [.. session.Database.Arguments, "import", "romi-json", path, "--user", ServerSession.Alice, "--sensor", Sensor], first, TextWriter.Null, Ct);
        var secondExit = await ServerCommandLine.RunAsync(
            [.. session.Database.Arguments, "import", "romi-json", path, "--user", ServerSession.Alice, "--sensor", Sensor], second, TextWriter.Null, Ct);
        using var client = new FlowerPowerClient(session.Options());
        var samples = await client.GetSamplesAsync(session.AliceLocation, start.AddMinutes(-1), start.AddDays(1), Ct);

        Assert.Equal(0, firstExit);
        Assert.Equal(0, secondExit);
        Assert.Contains("imported 1 file(s), 40 new of 40 samples", first.ToString(), StringComparison.Ordinal);
        Assert.Contains("imported 1 file(s), 0 new of 40 samples", second.ToString(), StringComparison.Ordinal);
        Assert.Equal(40, samples.Samples.Count);
        for (var i = 0; i < 40; i++)
        {
            var (air, light, moisture) = Raw(i);
            var sample = samples.Samples[i];
            Assert.Equal(start.AddMinutes(15 * i), sample.CaptureDatetimeUtc);
            Assert.Equal(PublishedFits.Temperature(air), sample.AirTemperatureCelsius!.Value, 0.006);
            Assert.Equal(PublishedFits.Light(light), sample.Light!.Value, 0.006);
            Assert.Equal(PublishedFits.SoilMoisture(moisture), sample.SoilMoisturePercent!.Value, 0.006);
            Assert.Null(sample.BatteryPercent);
            Assert.Null(sample.FertilizerLevel);
        }
    }

    [Fact]
    public async Task A_romi_file_for_a_sensor_in_no_location_gets_a_location_that_the_bridges_uploads_land_in_too()
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        var path = WriteFile(new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero), 3);

        var exit = await ServerCommandLine.RunAsync(
            [.. session.Database.Arguments, "import", "romi-json", path, "--user", ServerSession.Alice, "--sensor", "PI040307AD5G20NEW1"], TextWriter.Null, TextWriter.Null, Ct);
        using var client = new FlowerPowerClient(session.Options());
        var garden = await client.GetGardenConfigurationAsync(Ct);

        Assert.Equal(0, exit);
        Assert.Contains(garden.Locations, l => l.Sensor?.SensorSerial == "PI040307AD5G20NEW1");
    }

    public static TheoryData<string, string?, string> BadMeasurements() => new()
    {
        { "no timestamp", "\"raw-values\": {\"air-temperature\": 700, \"soil-temperature\": 650, \"soil-moisture\": 400, \"sunlight\": 1000}", "has no 'timestamp'" },
        { "a float raw value", "\"timestamp\": 1763618400, \"raw-values\": {\"air-temperature\": 700.5, \"soil-temperature\": 650, \"soil-moisture\": 400, \"sunlight\": 1000}", "'air-temperature' is not a reading from 0 to 65535" },
        { "a raw value past 16 bits", "\"timestamp\": 1763618400, \"raw-values\": {\"air-temperature\": 700, \"soil-temperature\": 650, \"soil-moisture\": 70000, \"sunlight\": 1000}", "'soil-moisture' is not a reading" },
        { "no raw values", "\"timestamp\": 1763618400", "has no 'raw-values'" },
        { "a date before 2013", "\"timestamp\": 100, \"raw-values\": {\"air-temperature\": 700, \"soil-temperature\": 650, \"soil-moisture\": 400, \"sunlight\": 1000}", "is not between 2013-01-01 and tomorrow" },
        { "a cut-off file", null, "the file is not JSON written whole" },
    };

    [Theory]
    [MemberData(nameof(BadMeasurements))]
    public async Task A_bad_measurement_is_reported_by_line_and_nothing_of_the_file_is_imported(string defect, string? bad, string reason)
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        var path = WriteFile(new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero), 5);
        var lines = File.ReadAllLines(path).ToList();
        var badLine = lines.FindIndex(l => l.Contains("\"index\": 3,", StringComparison.Ordinal));
        if (bad is null)
        {
            lines = lines.Take(badLine + 1).ToList();
        }
        else
        {
            lines[badLine] = "    {\"index\": 3, " + bad + "},";
        }

        await File.WriteAllLinesAsync(path, lines, Ct);
        var error = new StringWriter();

        var exit = await ServerCommandLine.RunAsync(
            [.. session.Database.Arguments, "import", "romi-json", path, "--user", ServerSession.Alice, "--sensor", Sensor], TextWriter.Null, error, Ct);
        using var client = new FlowerPowerClient(session.Options());
        var status = await client.GetGardenStatusAsync(Ct);

        Assert.True(exit == 1, $"{defect}: exit code {exit}");
        var expectedLine = bad is null ? lines.Count + 1 : badLine + 1;
        Assert.Contains($"romi.json:{expectedLine}:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(reason, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 file(s) refused", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, status.Locations.Single().TotalSampleCount);
    }

    [Theory]
    [InlineData("import romi-json FILE --user alice@example.invalid")]
    [InlineData("import romi-json --user alice@example.invalid --sensor PI040307AD5G200185")]
    public async Task A_missing_argument_is_one_line_and_exit_code_2(string args)
    {
        var error = new StringWriter();

        var exit = await ServerCommandLine.RunAsync([.. args.Split(' '), "--database", Path.Combine(_folder, "x.db")], TextWriter.Null, error, Ct);

        Assert.Equal(2, exit);
        Assert.Single(error.ToString().TrimEnd().Split('\n'));
    }

    private static (int Air, int Light, int Moisture) Raw(int i) => (600 + (i * 5), 400 + (i * 40), 300 + (i * 3));

    /// <summary>A file as ROMI's tool writes it: one object, measurements one a line, converted values beside the raw ones.</summary>
    private string WriteFile(DateTimeOffset start, int count)
    {
        var text = new StringBuilder();
        text.Append("{\n  \"address\": \"A0:14:3D:0A:BC:DE\",\n  \"first-entry-index\": 0,\n")
            .Append(CultureInfo.InvariantCulture, $"  \"last-entry-index\": {count - 1},\n  \"session-start-index\": 0,\n  \"period\": 900,\n  \"session-id\": 4,\n")
            .Append("  \"measurements\": [\n");
        for (var i = 0; i < count; i++)
        {
            var (air, light, moisture) = Raw(i);
            var at = start.AddMinutes(15 * i);
            text.Append(CultureInfo.InvariantCulture,
                $"    {{\"index\": {i}, \"date\": \"{at.ToOffset(TimeSpan.FromHours(1)):yyyy-MM-dd HH:mm:ss}\", \"timestamp\": {at.ToUnixTimeSeconds()}, ")
                .Append(CultureInfo.InvariantCulture,
                    $"\"air-temperature\": 99.9, \"soil-temperature\": 99.9, \"soil-moisture\": 99.9, \"sunlight\": 99.9, ")
                .Append(CultureInfo.InvariantCulture,
                    $"\"raw-values\": {{\"air-temperature\": {air}, \"soil-temperature\": {air - 20}, \"soil-moisture\": {moisture}, \"sunlight\": {light}}}}}")
                .Append(i + 1 < count ? ",\n" : "\n");
        }

        text.Append("  ]\n}\n");
        var path = Path.Combine(_folder, "romi.json");
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
