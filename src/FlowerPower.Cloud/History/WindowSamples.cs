namespace FlowerPower.Cloud.History;

/// <summary>
/// The samples of one window that belong to the caller's range, in time order, each once: inside [from, to] and
/// after the last sample the previous window gave (consecutive windows share their boundary second).
/// </summary>
internal static class WindowSamples
{
    /// <summary>
    /// The window's samples to hand on: the window's own list when it is already all of them in order, the run of it
    /// that is when only samples at its ends fall out (the boundary sample the previous window gave, above all), and
    /// a sorted copy without repeated capture times otherwise.
    /// </summary>
    /// <param name="samples">The samples as the window's answer listed them.</param>
    /// <param name="from">The start of the caller's range.</param>
    /// <param name="to">The end of the caller's range.</param>
    /// <param name="lastSeen">The time of the last sample handed on so far; null before the first.</param>
    public static IReadOnlyList<Sample> InOrder(IReadOnlyList<Sample> samples, DateTimeOffset from, DateTimeOffset to, DateTimeOffset? lastSeen)
    {
        // The server answers in time order, and every window after the first starts with the sample the previous one
        // ended with: most windows are handed on in place, without a copy or a sort.
        var start = 0;
        while (start < samples.Count && !Keeps(samples[start].CaptureDatetimeUtc, from, to, after: lastSeen))
        {
            start++;
        }

        var end = samples.Count;
        while (end > start && !Keeps(samples[end - 1].CaptureDatetimeUtc, from, to, after: lastSeen))
        {
            end--;
        }

        var previous = lastSeen;
        var inOrder = true;
        for (var i = start; i < end && inOrder; i++)
        {
            var at = samples[i].CaptureDatetimeUtc;
            inOrder = Keeps(at, from, to, after: previous);
            previous = at;
        }

        if (inOrder)
        {
            return (start, end) == (0, samples.Count) ? samples
                : start == end ? []
                : new SampleSlice(samples, start, end - start);
        }

        // Each capture time once, as the contract of GetSamplesAsync and StreamSamplesAsync says: of two samples with
        // one time, the first the answer listed.
        return samples
            .Where(s => Keeps(s.CaptureDatetimeUtc, from, to, after: lastSeen))
            .OrderBy(s => s.CaptureDatetimeUtc)
            .DistinctBy(s => s.CaptureDatetimeUtc)
            .ToList();
    }

    /// <summary>
    /// Windows' samples, as <see cref="InOrder"/> gave them, as one list: a range of one window (ten days or less, the
    /// usual call) keeps that window's list, and several are copied once into a list of their joint size.
    /// </summary>
    /// <param name="windows">Each window's samples, in window order.</param>
    public static IReadOnlyList<Sample> Join(IReadOnlyList<IReadOnlyList<Sample>> windows)
    {
        if (windows.Count == 1)
        {
            return windows[0];
        }

        var samples = new List<Sample>(windows.Sum(window => window.Count));
        foreach (var window in windows)
        {
            samples.AddRange(window);
        }

        return samples;
    }

    private static bool Keeps(DateTimeOffset? at, DateTimeOffset from, DateTimeOffset to, DateTimeOffset? after) =>
        at is { } time && time >= from && time <= to && (after is null || time > after);
}
