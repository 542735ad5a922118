using System.Globalization;
using FlowerPower.Cloud;
using FlowerPower.Cloud.Emulator;

namespace FlowerPower.Cloud.Samples;

/// <summary>
/// The main job: the profile, a table of the garden in the user's units, what needs attention now, 30 days of
/// history per plant with progress, and a CSV export of every sample. Runs against the embedded emulator unless
/// FLOWERPOWER_* variables name a real server.
/// </summary>
internal static class SampleApp
{
    public const int HistoryDays = 30;

    private const string Name = "FlowerPower.Cloud.Samples";

    /// <summary>Runs the sample.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where the report goes.</param>
    /// <param name="error">Where the one line about a failure goes.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="cancellationToken">Stops the run (Ctrl+C).</param>
    /// <returns>0 on success or <c>--help</c>, 1 when a call or the export failed, 2 for bad arguments or settings.</returns>
    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        if (!SampleArguments.TryParse(args, out var arguments, out var problem))
        {
            await error.WriteLineAsync($"{Name}: {problem} (see --help)");
            return 2;
        }

        if (arguments.ShowHelp)
        {
            await output.WriteLineAsync(SampleArguments.Usage);
            return 0;
        }

        var settings = SampleSettings.From(environment);
        if (settings.Problem is not null)
        {
            await error.WriteLineAsync($"{Name}: {settings.Problem}");
            return 2;
        }

        var exportDirectory = arguments.OutputDirectory ?? environment("FLOWERPOWER_EXPORT_DIR") ?? Directory.GetCurrentDirectory();
        FlowerPowerEmulator? emulator = null;
        try
        {
            FlowerPowerClientOptions options;
            if (settings.UseEmulator)
            {
                emulator = await FlowerPowerEmulator.StartAsync(cancellationToken: cancellationToken);
                await output.WriteLineAsync($"No FLOWERPOWER_* settings: using the embedded emulator at {emulator.BaseAddress}");
                options = emulator.CreateClientOptions();
            }
            else
            {
                options = settings.Options!;
                await output.WriteLineAsync($"Using {options.BaseAddress} as {options.Username}");
            }

            FlowerPowerClient client;
            try
            {
                client = new FlowerPowerClient(options);
            }
            catch (ArgumentException exception)
            {
                await error.WriteLineAsync($"{Name}: {exception.Message}");
                return 2;
            }

            using (client)
            {
                await RunJobAsync(client, output, exportDirectory, cancellationToken);
            }

            return 0;
        }
        catch (FlowerPowerException exception)
        {
            await error.WriteLineAsync($"{Name}: the Flower Power Cloud call failed: {exception.Message}");
            return 1;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{Name}: the export to {exportDirectory} failed: {exception.Message}");
            return 1;
        }
        finally
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync();
            }
        }
    }

    private static async Task RunJobAsync(FlowerPowerClient client, TextWriter output, string exportDirectory, CancellationToken cancellationToken)
    {
        var profile = (await client.GetProfileAsync(cancellationToken)).UserProfile;
        var units = new UnitFormatter(profile);
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Account  {profile?.Email}   time zone {profile?.UtcTimezone}   units {units.TemperatureUnit}, {units.LightUnit}");

        var configurationTask = client.GetGardenConfigurationAsync(cancellationToken);
        var statusTask = client.GetGardenStatusAsync(cancellationToken);
        var configuration = await configurationTask;
        var status = new Dictionary<string, LocationStatus>(StringComparer.Ordinal);
        foreach (var location in (await statusTask).Locations)
        {
            status.TryAdd(location.LocationIdentifier ?? string.Empty, location);
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("Garden");
        var table = new TextTable("Plant", "Sensor", "Light", "Soil moisture", "Fertilizer", "Temperature", "Battery");
        foreach (var location in configuration.Locations)
        {
            status.TryGetValue(location.LocationIdentifier ?? string.Empty, out var state);
            table.Add(
                location.PlantNickname ?? location.LocationIdentifier ?? "?",
                location.Sensor?.Nickname ?? "no sensor",
                units.Light(state?.Light?.GaugeValues?.CurrentValue),
                UnitFormatter.Percent(state?.Watering?.SoilMoisture?.GaugeValues?.CurrentValue),
                UnitFormatter.Fertilizer(state?.Fertilizer?.GaugeValues?.CurrentValue),
                units.Temperature(state?.AirTemperature?.GaugeValues?.CurrentValue),
                UnitFormatter.Percent(state?.Battery?.GaugeValues?.CurrentValue));
        }

        await output.WriteAsync(table.ToString());

        await output.WriteLineAsync();
        await output.WriteLineAsync("Needs attention now");
        var alerts = 0;
        foreach (var location in configuration.Locations)
        {
            if (status.TryGetValue(location.LocationIdentifier ?? string.Empty, out var state))
            {
                foreach (var advice in Attention.For(state))
                {
                    await output.WriteLineAsync($"  ! {location.PlantNickname}: {advice}");
                    alerts++;
                }
            }
        }

        if (alerts == 0)
        {
            await output.WriteLineAsync("  nothing: every plant is fine");
        }

        var to = DateTimeOffset.UtcNow;
        var from = to.AddDays(-HistoryDays);
        var csvPath = Path.Combine(exportDirectory, $"flowerpower-samples-{to:yyyyMMdd-HHmmss}.csv");
        await output.WriteLineAsync();
        await output.WriteLineAsync($"History of the last {HistoryDays} days");
        using (var csv = new CsvExport(csvPath))
        {
            foreach (var location in configuration.Locations.Where(l => l.Sensor is not null && l.LocationIdentifier is not null))
            {
                var name = location.PlantNickname ?? location.LocationIdentifier!;
                var progress = new ProgressLine(output, name, from, to);
                var summary = new HistorySummary();
                await foreach (var sample in client.StreamSamplesAsync(location.LocationIdentifier!, from, to, cancellationToken))
                {
                    csv.Write(location.LocationIdentifier!, name, sample);
                    summary.Add(sample);
                    await progress.ReportAsync(sample.CaptureDatetimeUtc ?? from);
                }

                await progress.CompleteAsync(summary.ToString(units));
            }

            await output.WriteLineAsync();
            await output.WriteLineAsync($"CSV export: {csv.Path} ({csv.Rows.ToString(CultureInfo.InvariantCulture)} samples)");
        }
    }
}
