namespace FlowerPower.Cloud.Sensor;

/// <summary>
/// The sensor counts its history in 32 bits (the upload's <c>session_start_index</c>, the bridge's resume index), while
/// its buffer holds the low 16 bits of each index. This finds the full index again, so that a sensor older than
/// 65,536 entries (about 680 days at 15 minutes) still lands in order.
/// </summary>
internal static class HistoryIndex
{
    private const long Wrap = 1 << 16;

    /// <summary>
    /// The full index of a buffer's last entry: the one whose low 16 bits are <paramref name="lastIndex"/>, not before
    /// the session's start, and nearest to where the session's clock puts it (its start index plus the last entry's
    /// time over the period), which settles sessions longer than one wrap.
    /// </summary>
    public static long UnwrapLast(ushort lastIndex, long sessionStartIndex, uint lastEntrySeconds, int periodSeconds)
    {
        var earliest = sessionStartIndex + ((lastIndex - sessionStartIndex) & (Wrap - 1));
        var expected = sessionStartIndex + (lastEntrySeconds / Math.Max(periodSeconds, 1));
        var wraps = Math.Max(0, (long)Math.Round((expected - earliest) / (double)Wrap, MidpointRounding.AwayFromZero));
        return earliest + (wraps * Wrap);
    }
}
