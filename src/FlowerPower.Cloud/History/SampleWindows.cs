using System.Globalization;

namespace FlowerPower.Cloud.History;

/// <summary>
/// Cuts a time range into windows the server accepts (at most 10 days each: longer spans are refused with 9048
/// REQUEST_DATE_SPAN_TOO_LARGE) and formats their bounds as the wire wants them.
/// </summary>
internal static class SampleWindows
{
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(10);

    /// <summary>
    /// Windows covering [from, to] widened to whole seconds. Consecutive windows share their boundary second, so
    /// the caller drops samples it has already seen. An empty range needs no window: the server refuses one
    /// (9069 INVALID_TIME_RANGE).
    /// </summary>
    public static IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> Split(DateTimeOffset from, DateTimeOffset to)
    {
        var start = Floor(from.ToUniversalTime());
        var end = Ceiling(to.ToUniversalTime());
        var windows = new List<(DateTimeOffset, DateTimeOffset)>();
        while (start < end)
        {
            var windowEnd = end - start > MaxSpan ? start + MaxSpan : end;
            windows.Add((start, windowEnd));
            start = windowEnd;
        }

        return windows;
    }

    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Floor(DateTimeOffset instant) =>
        new(instant.Ticks - (instant.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static DateTimeOffset Ceiling(DateTimeOffset instant)
    {
        var floor = Floor(instant);
        return floor == instant ? floor : floor.AddSeconds(1);
    }
}
