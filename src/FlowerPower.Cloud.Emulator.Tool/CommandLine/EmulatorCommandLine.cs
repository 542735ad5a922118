using System.Globalization;

namespace FlowerPower.Cloud.Emulator.Tool.CommandLine;

/// <summary>
/// The emulator as a program: reads its arguments, starts, prints the demo credentials and runs until stopped. A bad
/// argument, or an address it cannot listen on, ends it with one line on standard error and exit code 2.
/// </summary>
internal static class EmulatorCommandLine
{
    public const string Usage = """
        Usage: flowerpower-emulator [--urls URL] [--seed N] [--token-lifetime SECONDS]

        A local Flower Power Cloud with a demo garden, for developing and testing clients.

        Options:
          --urls URL                 where to listen (default http://127.0.0.1:5080; port 0 picks a free one)
          --seed N                   picks the demo garden: the same seed gives the same samples (default 42)
          --token-lifetime SECONDS   how long an access token lives (default 172800, as on the cloud)
          -h, --help                 shows this help
        """;

    private const string Name = "flowerpower-emulator";

    /// <summary>Runs the program.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where the banner and help go.</param>
    /// <param name="error">Where the one line about a bad argument goes.</param>
    /// <param name="stopping">Stops the emulator (Ctrl+C).</param>
    /// <returns>0 after a clean stop or <c>--help</c>; 2 for a bad argument or an address that cannot be used.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken stopping)
    {
        if (args.Any(a => a is "-h" or "--help" or "-?"))
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }

        if (!TryParse(args, out var options, out var problem))
        {
            await error.WriteLineAsync($"{Name}: {problem} (see --help)");
            return 2;
        }

        FlowerPowerEmulator emulator;
        try
        {
            emulator = await FlowerPowerEmulator.StartAsync(options, cancellationToken: stopping);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or FormatException or ArgumentException)
        {
            await error.WriteLineAsync($"{Name}: cannot listen on {options.Urls}: {FirstLine(exception)}");
            return 2;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return 0;
        }

        await using (emulator)
        {
            await output.WriteLineAsync($"Flower Power Cloud emulator listening on {emulator.BaseAddress}");
            await output.WriteLineAsync($"  client id:     {DemoAccount.ClientId}");
            await output.WriteLineAsync($"  client secret: {DemoAccount.ClientSecret}");
            await output.WriteLineAsync($"  username:      {DemoAccount.Username}");
            await output.WriteLineAsync($"  password:      {DemoAccount.Password}");
            await output.WriteLineAsync($"  locations:     {string.Join(", ", emulator.LocationIdentifiers)}");
            await output.WriteLineAsync("Press Ctrl+C to stop.");
            await output.FlushAsync(stopping);
            await emulator.WaitForShutdownAsync(stopping);
        }

        return 0;
    }

    /// <summary>Reads the options; on failure, <paramref name="problem"/> says what is wrong in one line.</summary>
    internal static bool TryParse(string[] args, out FlowerPowerEmulatorOptions options, out string problem)
    {
        options = new FlowerPowerEmulatorOptions { Urls = "http://127.0.0.1:5080" };
        problem = string.Empty;
        for (var i = 0; i < args.Length; i += 2)
        {
            var name = args[i];
            if (name is not ("--urls" or "--seed" or "--token-lifetime"))
            {
                problem = $"unknown argument '{name}'";
                return false;
            }

            if (i + 1 >= args.Length)
            {
                problem = $"{name} needs a value";
                return false;
            }

            var value = args[i + 1];
            if (name == "--urls")
            {
                if (!AreListenAddresses(value))
                {
                    problem = $"--urls must be http:// or https:// addresses separated by ';', not '{value}'";
                    return false;
                }

                options.Urls = value;
            }
            else if (name == "--seed")
            {
                if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
                {
                    problem = $"--seed must be a whole number, not '{value}'";
                    return false;
                }

                options.Seed = seed;
            }
            else
            {
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                    || !double.IsFinite(seconds) || seconds < 1 || seconds > int.MaxValue)
                {
                    problem = $"--token-lifetime must be a number of seconds from 1 to {int.MaxValue}, not '{value}'";
                    return false;
                }

                options.TokenLifetime = TimeSpan.FromSeconds(seconds);
            }
        }

        return true;
    }

    private static bool AreListenAddresses(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } parts &&
        parts.All(part => Uri.TryCreate(part.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                          && uri.Scheme is "http" or "https");

    private static string FirstLine(Exception exception)
    {
        var message = (exception.InnerException is IOException inner ? inner : exception).Message;
        var end = message.IndexOfAny(['\r', '\n']);
        return (end >= 0 ? message[..end] : message).TrimEnd('.');
    }
}
