namespace FlowerPower.Cloud.Bridge.Sensors;

/// <summary>The sensor's history service and clock as read before a download.</summary>
/// <param name="EntryCount">Entries the sensor holds.</param>
/// <param name="LastIndex">The last entry's index.</param>
/// <param name="SessionId">The current session's id.</param>
/// <param name="SessionStartIndex">The index the session started at.</param>
/// <param name="PeriodSeconds">The measure period.</param>
/// <param name="StartupUtc">When the sensor started: the time its clock was read, less the clock.</param>
internal sealed record HistoryState(int EntryCount, long LastIndex, int SessionId, long SessionStartIndex, int PeriodSeconds, DateTimeOffset StartupUtc)
{
    /// <summary>The oldest entry the sensor still holds.</summary>
    public long OldestIndex => Math.Max(0, LastIndex - EntryCount + 1);

    /// <summary>Where a download resumes: the server's index, never before the oldest entry held; null when nothing is new.</summary>
    /// <param name="serverIndex">The garden status's <c>current_history_index</c>, the next index the server lacks.</param>
    /// <returns>The first index to download, or null.</returns>
    public long? ResumeFrom(long serverIndex)
    {
        var start = Math.Max(serverIndex, OldestIndex);
        return EntryCount == 0 || start > LastIndex ? null : start;
    }
}
