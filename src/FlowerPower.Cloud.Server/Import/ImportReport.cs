namespace FlowerPower.Cloud.Server.Import;

/// <summary>What an import did.</summary>
internal sealed class ImportReport
{
    public int FilesImported { get; set; }

    public int FilesRefused { get; set; }

    public long SamplesRead { get; set; }

    public long SamplesAdded { get; set; }

    public List<ImportProblem> Problems { get; } = [];

    /// <summary>One line for the person who ran the import.</summary>
    public string Summary =>
        $"imported {FilesImported} file(s), {SamplesAdded} new of {SamplesRead} samples; {FilesRefused} file(s) refused";
}
