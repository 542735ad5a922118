using System.CommandLine;
using System.Globalization;
using FlowerPower.Cloud.Emulator;
using Spectre.Console;

namespace FlowerPower.Cloud.Samples;

/// <summary>
/// The main job: the profile, the garden as a table in the user's units, what needs attention now, the history of
/// every plant with progress, and a CSV export of every sample. Runs against the embedded emulator unless
/// FLOWERPOWER_* variables name another server. Arguments through System.CommandLine, output through
/// Spectre.Console (colours and live progress on a terminal, plain text elsewhere), the export through CsvHelper.
/// </summary>
internal static class SampleApp
{
    public const int DefaultDays = 30;

    private const string Name = "FlowerPower.Cloud.Samples";

    private const string Description = """
        Prints your garden, what needs attention now and the history of every plant, and exports every sample to CSV.
        With no FLOWERPOWER_* variables it runs against an embedded emulator: no account, no network.

        Environment:
          FLOWERPOWER_CLIENT_ID, FLOWERPOWER_CLIENT_SECRET, FLOWERPOWER_USERNAME, FLOWERPOWER_PASSWORD
                                     the account on another server (all four, or none for the emulator)
          FLOWERPOWER_BASE_ADDRESS   that server's address (default: the Flower Power Cloud's)
          FLOWERPOWER_EXPORT_DIR     where the CSV export goes when neither --out nor --csv is given
        """;

    /// <summary>Runs the sample.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where the report goes; a terminal gets colours and live progress.</param>
    /// <param name="error">Where the one line about a failure goes.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="cancellationToken">Stops the run (Ctrl+C).</param>
    /// <returns>0 on success or <c>--help</c>, 1 when a call or the export failed, 2 for bad arguments or settings.</returns>
    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        // The sample speaks English throughout, the parser's messages included; the CSV is written invariant.
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        var outFolder = new Option<string?>("--out") { Description = "the folder the CSV export goes to (default: FLOWERPOWER_EXPORT_DIR, else the current folder)" };
        var csvFile = new Option<string?>("--csv") { Description = "the CSV file to write (default: flowerpower-samples-<time>.csv in the --out folder)" };
        var days = new Option<int>("--days")
        {
            Description = "how many days of history to download, 1 to 3650",
            DefaultValueFactory = _ => DefaultDays,
            CustomParser = ParseDays,
        };
        var root = new RootCommand(Description) { outFolder, csvFile, days };
        root.HelpName = Name;
        root.SetAction((result, ct) => RunJobAsync(
            new SampleOptions(
                result.GetValue(outFolder) ?? environment("FLOWERPOWER_EXPORT_DIR") ?? Directory.GetCurrentDirectory(),
                result.GetValue(outFolder) is not null ? "--out" : environment("FLOWERPOWER_EXPORT_DIR") is not null ? "FLOWERPOWER_EXPORT_DIR" : "the current folder",
                result.GetValue(csvFile),
                result.GetValue(days)),
            output,
            error,
            environment,
            ct));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await error.WriteLineAsync($"{Name}: {parsed.Errors[0].Message} (see --help)");
            return 2;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    private static async Task<int> RunJobAsync(
        SampleOptions options, TextWriter output, TextWriter error, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        if (ExportTarget.Problem(options) is { } problem)
        {
            await error.WriteLineAsync($"{Name}: {problem}");
            return 2;
        }

        var settings = SampleSettings.From(environment);
        if (settings.Problem is not null)
        {
            await error.WriteLineAsync($"{Name}: {settings.Problem}");
            return 2;
        }

        var console = CreateConsole(output);
        FlowerPowerEmulator? emulator = null;
        try
        {
            FlowerPowerClientOptions clientOptions;
            if (settings.UseEmulator)
            {
                emulator = await FlowerPowerEmulator.StartAsync(cancellationToken: cancellationToken);
                console.MarkupLine($"No FLOWERPOWER_* settings: using the embedded emulator at {Markup.Escape(emulator.BaseAddress.ToString())}");
                clientOptions = emulator.CreateClientOptions();
            }
            else
            {
                clientOptions = settings.Options!;
                console.MarkupLine($"Using {Markup.Escape(clientOptions.BaseAddress.ToString())} as {Markup.Escape(clientOptions.Username ?? string.Empty)}");
            }

            FlowerPowerClient client;
            try
            {
                client = new FlowerPowerClient(clientOptions);
            }
            catch (ArgumentException exception)
            {
                await error.WriteLineAsync($"{Name}: {exception.Message}");
                return 2;
            }

            using (client)
            {
                await RunAsync(console, client, options, cancellationToken);
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
            await error.WriteLineAsync($"{Name}: the export to {options.CsvPath ?? options.ExportDirectory} failed: {exception.Message}");
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

    private static async Task RunAsync(IAnsiConsole console, FlowerPowerClient client, SampleOptions options, CancellationToken cancellationToken)
    {
        var profile = (await client.GetProfileAsync(cancellationToken)).UserProfile;
        console.WriteLine();
        console.MarkupLine(
            $"Account [bold]{Markup.Escape(profile?.Email ?? "?")}[/]   time zone {Markup.Escape(profile?.UtcTimezone ?? "?")}   " +
            $"units {Markup.Escape(FlowerPowerUnits.TemperatureUnit(profile))}, {Markup.Escape(FlowerPowerUnits.LightUnit(profile))}");
        console.WriteLine();

        var garden = await client.GetGardenAsync(cancellationToken);
        GardenReport.Write(console, garden, garden.Alerts, profile);

        var csvPath = options.CsvPath ?? Path.Combine(options.ExportDirectory, FormattableString.Invariant($"flowerpower-samples-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.csv"));
        using var csv = await HistoryExport.RunAsync(console, client, garden, profile, csvPath, options.Days, cancellationToken);
        console.WriteLine();
        console.MarkupLine($"CSV export: {Markup.Escape(csv.Path)} ({csv.Rows} samples)");
    }

    /// <summary>Reads --days in the user's terms: a whole number of days from 1 to 3650, never a type name.</summary>
    private static int ParseDays(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 3650)
        {
            return value;
        }

        result.AddError($"--days must be a number of days from 1 to 3650, not '{text}'");
        return DefaultDays;
    }

    /// <summary>A terminal gets colours and live progress; a pipe, a file or a test gets plain text, wide enough for the table.</summary>
    private static IAnsiConsole CreateConsole(TextWriter output)
    {
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 160;
        }

        return console;
    }
}
