using FlowerPower.Cloud.Emulator;
using FlowerPower.Cloud.Samples;

namespace FlowerPower.Cloud.Tests.Samples;

/// <summary>The console sample's main entry, run as a user runs it.</summary>
public sealed class SampleAppTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("flowerpower-sample-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task With_no_settings_it_runs_the_main_job_on_the_embedded_emulator()
    {
        var output = new StringWriter();

        var exit = await SampleApp.RunAsync(["--out", _directory], output, TextWriter.Null, _ => null, TestContext.Current.CancellationToken);

        var text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains("embedded emulator", text, StringComparison.Ordinal);
        Assert.Contains("Garden", text, StringComparison.Ordinal);
        Assert.Contains("Monstera (living room)", text, StringComparison.Ordinal);
        Assert.Contains("no sensor", text, StringComparison.Ordinal);
        Assert.Contains(" lux", text, StringComparison.Ordinal);
        Assert.Contains(" °C", text, StringComparison.Ordinal);
        Assert.Contains("Water now: the soil is too dry", text, StringComparison.Ordinal);
        Assert.Contains("too little light", text, StringComparison.Ordinal);
        Assert.Contains("Replace the sensor's battery", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);

        var csv = Assert.Single(Directory.GetFiles(_directory, "*.csv"));
        Assert.Contains($"CSV export: {csv} (", text, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(csv, TestContext.Current.CancellationToken);
        Assert.Equal(string.Join(',', CsvExport.Columns), lines[0]);
        Assert.Contains("light_mol_m2_day", lines[0], StringComparison.Ordinal);
        Assert.InRange(lines.Length - 1, (4 * 30 * 96) - 8, (4 * 30 * 96) + 4);
        Assert.Contains($"({lines.Length - 1} samples)", text, StringComparison.Ordinal);
        Assert.Equal(4, lines.Skip(1).Select(l => l.Split(',')[0]).Distinct().Count());
        Assert.All(lines.Skip(1), l => Assert.Equal(CsvExport.Columns.Length, l.Split(',').Length));
    }

    [Fact]
    public async Task Days_and_an_exact_csv_path_are_honoured_and_the_csv_agrees_with_the_samples()
    {
        var output = new StringWriter();
        var path = Path.Combine(_directory, "nested", "week.csv");

        var exit = await SampleApp.RunAsync(["--days", "7", "--csv", path], output, TextWriter.Null, _ => null, TestContext.Current.CancellationToken);

        Assert.True(exit == 0, output.ToString());
        var rows = (await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken)).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.InRange(rows.Count, (4 * 7 * 96) - 8, (4 * 7 * 96) + 4);
        Assert.All(rows, r => Assert.InRange(double.Parse(r[3], System.Globalization.CultureInfo.InvariantCulture), 0.1, 104));
        Assert.All(rows, r => Assert.InRange(double.Parse(r[5], System.Globalization.CultureInfo.InvariantCulture), -20, 40));
        Assert.Contains("History of the last 7 days", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_settings_it_runs_against_that_server()
    {
        await using var emulator = await FlowerPowerEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var environment = SettingsFor(emulator, DemoAccount.Password);
        var output = new StringWriter();

        var exit = await SampleApp.RunAsync([], output, TextWriter.Null, name => environment.GetValueOrDefault(name), TestContext.Current.CancellationToken);

        Assert.True(exit == 0, output.ToString());
        Assert.Contains($"Using {emulator.BaseAddress}", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(DemoAccount.Password, output.ToString(), StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(_directory, "*.csv"));
    }

    [Fact]
    public async Task Partial_settings_are_refused_with_the_missing_names()
    {
        var error = new StringWriter();

        var exit = await SampleApp.RunAsync([], TextWriter.Null, error, name => name == "FLOWERPOWER_CLIENT_ID" ? "x" : null, TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.Contains("FLOWERPOWER_PASSWORD", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_server_ends_with_a_clear_message_and_exit_code_one()
    {
        await using var emulator = await FlowerPowerEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var environment = SettingsFor(emulator, "not-the-password");
        var error = new StringWriter();

        var exit = await SampleApp.RunAsync([], TextWriter.Null, error, name => environment.GetValueOrDefault(name), TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
        Assert.Contains("invalid_grant", error.ToString(), StringComparison.Ordinal);
        Assert.Single(error.ToString().Trim().Split('\n'));
    }

    private Dictionary<string, string?> SettingsFor(FlowerPowerEmulator emulator, string password) => new()
    {
        ["FLOWERPOWER_CLIENT_ID"] = DemoAccount.ClientId,
        ["FLOWERPOWER_CLIENT_SECRET"] = DemoAccount.ClientSecret,
        ["FLOWERPOWER_USERNAME"] = DemoAccount.Username,
        ["FLOWERPOWER_PASSWORD"] = password,
        ["FLOWERPOWER_BASE_ADDRESS"] = emulator.BaseAddress.ToString(),
        ["FLOWERPOWER_EXPORT_DIR"] = _directory,
    };
}
