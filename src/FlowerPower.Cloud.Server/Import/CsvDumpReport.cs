namespace FlowerPower.Cloud.Server.Import;

/// <summary>What an import did.</summary>
internal sealed class CsvDumpReport
{
    public int FilesImported { get; set; }

    public int FilesRefused { get; set; }

    public long SamplesRead { get; set; }

    public long SamplesAdded { get; set; }

    public List<CsvDumpProblem> Problems { get; } = [];
}
