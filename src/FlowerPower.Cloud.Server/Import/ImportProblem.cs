namespace FlowerPower.Cloud.Server.Import;

/// <summary>Why a line of an imported file (CSV-Dump, ROMI) cannot be imported; line 1 is the first line.</summary>
internal sealed record ImportProblem(string File, int Line, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";
}
