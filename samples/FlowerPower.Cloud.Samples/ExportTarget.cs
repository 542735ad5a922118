namespace FlowerPower.Cloud.Samples;

/// <summary>
/// Checks where the CSV export will go before any work starts, so a wrong <c>--out</c> or <c>--csv</c> is one line and
/// exit code 2 at once, not a failure after the whole download. A missing folder is created, as the export would.
/// </summary>
internal static class ExportTarget
{
    /// <summary>What is wrong with the export's target, in the user's terms, or null when it can be written.</summary>
    public static string? Problem(SampleOptions options)
    {
        if (options.CsvPath is { } csv)
        {
            if (csv.Length == 0)
            {
                return "--csv needs a file name";
            }

            if (Directory.Exists(csv))
            {
                return $"--csv {csv} is a folder: give the file to write, for example {Path.Combine(csv, "garden.csv")}";
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(csv))!;
            return Uncreatable($"--csv {csv}", folder) ?? Unwritable("--csv", folder);
        }

        var directory = options.ExportDirectory;
        if (File.Exists(directory))
        {
            return $"{options.ExportDirectorySource} {directory} is a file, not a folder";
        }

        return Uncreatable(options.ExportDirectorySource, directory) ?? Unwritable(options.ExportDirectorySource, directory);
    }

    /// <summary>Creates <paramref name="folder"/> when it is missing, as the export would; why it cannot be, or null.</summary>
    private static string? Uncreatable(string source, string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"{source}: cannot create the folder {folder}";
        }
    }

    private static string? Unwritable(string source, string folder)
    {
        try
        {
            using var probe = new FileStream(
                Path.Combine(folder, $".flowerpower-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"{source}: cannot write to {folder}";
        }
    }
}
