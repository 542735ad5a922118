namespace FlowerPower.Cloud.Server.Web.Pages;

/// <summary>
/// Cuts a span into equal slices and keeps one point per slice (mean, lowest, highest), so a year of 35,000 readings
/// reaches the browser as a few hundred points and a short span as its readings. A point stands at the mean time of
/// its readings, not the slice's middle: a lone reading is drawn when it was taken.
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
        var (slice, count, sum, low, high, ticks) = (-1, 0, 0.0, double.MaxValue, double.MinValue, 0.0);
        foreach (var sample in samples)
        {
            if (sample.CaptureDatetimeUtc is not { } at || at < from || at > to || value(sample) is not { } reading || !double.IsFinite(reading))
            {
                continue;
            }

            var index = Math.Min(slices - 1, (int)((at - from).Ticks / width));
            if (index != slice && count > 0)
            {
                points.Add(Point());
                (count, sum, low, high, ticks) = (0, 0.0, double.MaxValue, double.MinValue, 0.0);
            }

            slice = index;
            count++;
            sum += reading;
            low = Math.Min(low, reading);
            high = Math.Max(high, reading);
            ticks += (at - from).Ticks;
        }

        if (count > 0)
        {
            points.Add(Point());
        }

        return points;

        ChartPoint Point() => new(from.AddTicks((long)(ticks / count)), sum / count, low, high);
    }
}
