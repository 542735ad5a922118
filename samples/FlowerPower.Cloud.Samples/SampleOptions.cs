namespace FlowerPower.Cloud.Samples;

/// <summary>What the command line asked for.</summary>
internal sealed record SampleOptions(string ExportDirectory, string? CsvPath, int Days);
