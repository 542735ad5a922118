namespace FlowerPower.Cloud.Server.Import;

/// <summary>Why a line of a CSV-Dump file cannot be imported; line 1 is the header.</summary>
internal sealed record CsvDumpProblem(string File, int Line, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";
}
