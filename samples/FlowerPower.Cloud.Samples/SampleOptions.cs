namespace FlowerPower.Cloud.Samples;

/// <summary>What the command line asked for.</summary>
/// <param name="ExportDirectory">The folder the CSV export goes to when no <paramref name="CsvPath"/> is given.</param>
/// <param name="ExportDirectorySource">Where that folder came from, to name it in an error: "--out", "FLOWERPOWER_EXPORT_DIR"...</param>
/// <param name="CsvPath">The CSV file to write, or null for a new file in <paramref name="ExportDirectory"/>.</param>
/// <param name="Days">How many days of history to download.</param>
internal sealed record SampleOptions(string ExportDirectory, string ExportDirectorySource, string? CsvPath, int Days);
