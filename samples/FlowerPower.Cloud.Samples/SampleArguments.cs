namespace FlowerPower.Cloud.Samples;

/// <summary>The sample's command line: <c>--out DIR</c> and <c>--help</c>; anything else is refused in one line.</summary>
internal sealed record SampleArguments(string? OutputDirectory, bool ShowHelp)
{
    public const string Usage = """
        Usage: FlowerPower.Cloud.Samples [--out DIR]

        Prints your garden, what needs attention now and 30 days of history per plant, and exports every sample to CSV.
        With no FLOWERPOWER_* variables it runs against an embedded emulator: no account, no network.

        Options:
          --out DIR     where the CSV export goes (default: FLOWERPOWER_EXPORT_DIR, else the current folder)
          -h, --help    shows this help

        Environment:
          FLOWERPOWER_CLIENT_ID, FLOWERPOWER_CLIENT_SECRET, FLOWERPOWER_USERNAME, FLOWERPOWER_PASSWORD
                        the account on another server (all four, or none for the emulator)
          FLOWERPOWER_BASE_ADDRESS   that server's address (default: the Flower Power Cloud's)
          FLOWERPOWER_EXPORT_DIR     where the CSV export goes when --out is not given
        """;

    /// <summary>Reads the arguments; on failure, <paramref name="problem"/> says what is wrong in one line.</summary>
    public static bool TryParse(string[] args, out SampleArguments arguments, out string problem)
    {
        arguments = new SampleArguments(null, false);
        problem = string.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help" or "-?":
                    arguments = arguments with { ShowHelp = true };
                    break;
                case "--out" when i + 1 < args.Length && !string.IsNullOrWhiteSpace(args[i + 1]):
                    arguments = arguments with { OutputDirectory = args[++i] };
                    break;
                case "--out":
                    problem = "--out needs a folder";
                    return false;
                default:
                    problem = $"unknown argument '{args[i]}'";
                    return false;
            }
        }

        return true;
    }
}
