namespace FlowerPower.Cloud.Server.Web.Pages;

/// <summary>
/// Cuts a span into equal slices and keeps one point per slice (mean, lowest, highest), so a year of 35,000 readings
/// reaches the browser as a few hundred points and a short span as its readings.
/// </summary>
internal static class Downsampler
{
    /// <summary>The most points a chart draws.</summary>
    public const int MostPoints = 400;

    /// <param name="samples">The readings, in time order.</param>
    /// <param name="value">The reading drawn, null where a sample has none.</param>
    /// <param name="from">The span's start.</param>
    /// <param name="to">The span's end.</param>
    /// <param name="most">The most points to keep.</param>
    public static IReadOnlyList<ChartPoint> Points(IReadOnlyList<Sample> samples, Func<Sample, double?> value, DateTimeOffset from, DateTimeOffset to, int most = MostPoints)
    {
        var slices = Math.Clamp(samples.Count, 1, most);
        var width = Math.Max(1, (to - from).Ticks) / (double)slices;
        var points = new List<ChartPoint>(slices);
        var (slice, count, sum, low, high) = (-1, 0, 0.0, double.MaxValue, double.MinValue);
        foreach (var sample in samples)
        {
            if (sample.CaptureDatetimeUtc is not { } at || at < from || at > to || value(sample) is not { } reading || !double.IsFinite(reading))
            {
                continue;
            }

            var index = Math.Min(slices - 1, (int)((at - from).Ticks / width));
            if (index != slice && count > 0)
            {
                points.Add(Point(from, width, slice, sum / count, low, high));
                (count, sum, low, high) = (0, 0.0, double.MaxValue, double.MinValue);
            }

            slice = index;
            count++;
            sum += reading;
            low = Math.Min(low, reading);
            high = Math.Max(high, reading);
        }

        if (count > 0)
        {
            points.Add(Point(from, width, slice, sum / count, low, high));
        }

        return points;
    }

    private static ChartPoint Point(DateTimeOffset from, double width, int slice, double mean, double low, double high) =>
        new(from.AddTicks((long)((slice + 0.5) * width)), mean, low, high);
}
