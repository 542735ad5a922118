namespace FlowerPower.Cloud.History;

/// <summary>
/// The samples of one window that belong to the caller's range, in time order, each once: inside [from, to] and
/// after the last sample the previous window gave (consecutive windows share their boundary second).
/// </summary>
internal static class WindowSamples
{
    /// <summary>The window's samples to hand on; the window's own list when it is already all of them, in order.</summary>
    /// <param name="samples">The samples as the window's answer listed them.</param>
    /// <param name="from">The start of the caller's range.</param>
    /// <param name="to">The end of the caller's range.</param>
    /// <param name="lastSeen">The time of the last sample handed on so far; null before the first.</param>
    public static IReadOnlyList<Sample> InOrder(IReadOnlyList<Sample> samples, DateTimeOffset from, DateTimeOffset to, DateTimeOffset? lastSeen)
    {
        // The server answers in time order, so most windows are handed on as they are, without a copy or a sort.
        var previous = lastSeen;
        var keepsAll = true;
        for (var i = 0; i < samples.Count && keepsAll; i++)
        {
            var at = samples[i].CaptureDatetimeUtc;
            keepsAll = Keeps(at, from, to, after: previous);
            previous = at;
        }

        if (keepsAll)
        {
            return samples;
        }

        return samples
            .Where(s => Keeps(s.CaptureDatetimeUtc, from, to, after: lastSeen))
            .OrderBy(s => s.CaptureDatetimeUtc)
            .ToList();
    }

    private static bool Keeps(DateTimeOffset? at, DateTimeOffset from, DateTimeOffset to, DateTimeOffset? after) =>
        at is { } time && time >= from && time <= to && (after is null || time > after);
}
