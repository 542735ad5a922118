using System.Globalization;
using System.Text;

namespace FlowerPower.Cloud.Server.Web.Pages;

/// <summary>
/// One measure over a span as inline SVG: the plant's thresholds as a band (to the chart's edge when only one is
/// known), the readings' range as a shade, their mean as a line (a lone reading as a dot), waterings as dashed marks,
/// and a time axis in the owner's time zone.
/// </summary>
internal static class SvgChart
{
    private const double Width = 640;
    private const double Height = 220;
    private const double Left = 44;
    private const double Right = 8;
    private const double Top = 8;
    private const double Bottom = 22;

    /// <param name="measure">The CSS class of the measure (light, moisture, fertilizer, temperature).</param>
    /// <param name="label">What the chart shows, with its unit, for people and screen readers.</param>
    /// <param name="points">The drawn points, in time order, in the unit shown.</param>
    /// <param name="band">The plant's thresholds in the unit shown; either may be unknown.</param>
    /// <param name="waterings">When the plant was watered.</param>
    /// <param name="from">The span's start.</param>
    /// <param name="to">The span's end.</param>
    /// <param name="zone">The owner's time zone, for the axis.</param>
    public static string Render(
        string measure, string label, IReadOnlyList<ChartPoint> points, (double? Low, double? High) band, IReadOnlyList<DateTimeOffset> waterings,
        DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        var (low, high) = Range(points, band);
        var span = Math.Max(1, (to - from).Ticks);
        double X(DateTimeOffset at) => Left + ((at - from).Ticks / (double)span * (Width - Left - Right));
        double Y(double value) => Top + ((high - value) / (high - low) * (Height - Top - Bottom));

        var svg = new StringBuilder(4096 + (points.Count * 40));
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"{measure}-chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Html.Encode(label)}\" data-points=\"{points.Count}\">");
        foreach (var (at, text) in TimeTicks(from, to, zone))
        {
            var x = X(at);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{x:0.#}\" y1=\"{Top}\" x2=\"{x:0.#}\" y2=\"{Height - Bottom}\"/>");
            if (x < Width - 36)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{x + 2:0.#}\" y=\"{Height - 6}\">{Html.Encode(text)}</text>");
            }
        }

        foreach (var value in ValueTicks(low, high))
        {
            var y = Y(value);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"2\" y=\"{y + 4:0.#}\">{value.ToString(Math.Abs(high - low) < 10 ? "0.#" : "#,0", CultureInfo.InvariantCulture)}</text>");
        }

        if (band is not (null, null))
        {
            var (top, bottom) = (Y(Math.Min(high, band.High ?? high)), Y(Math.Max(low, band.Low ?? low)));
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"band\" x=\"{Left}\" y=\"{top:0.#}\" width=\"{Width - Left - Right}\" height=\"{Math.Max(0, bottom - top):0.#}\"><title>what the plant wants</title></rect>");
        }

        if (points.Count == 1)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"dot {measure}\" cx=\"{X(points[0].At):0.#}\" cy=\"{Y(points[0].Mean):0.#}\" r=\"3.5\"/>");
        }
        else if (points.Count > 1)
        {
            svg.Append("<polygon class=\"range ").Append(measure).Append("\" points=\"");
            foreach (var point in points)
            {
                svg.Append(CultureInfo.InvariantCulture, $"{X(point.At):0.#},{Y(point.High):0.#} ");
            }

            for (var i = points.Count - 1; i >= 0; i--)
            {
                svg.Append(CultureInfo.InvariantCulture, $"{X(points[i].At):0.#},{Y(points[i].Low):0.#} ");
            }

            svg.Append("\"/><polyline class=\"line ").Append(measure).Append("\" points=\"");
            foreach (var point in points)
            {
                svg.Append(CultureInfo.InvariantCulture, $"{X(point.At):0.#},{Y(point.Mean):0.#} ");
            }

            svg.Append("\"/>");
        }

        foreach (var watered in waterings.Where(w => w >= from && w <= to))
        {
            var x = X(watered);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"water\" x1=\"{x:0.#}\" y1=\"{Top}\" x2=\"{x:0.#}\" y2=\"{Height - Bottom}\"><title>watered</title></line>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static (double Low, double High) Range(IReadOnlyList<ChartPoint> points, (double? Low, double? High) band)
    {
        var low = points.Count > 0 ? points.Min(p => p.Low) : band.Low ?? band.High ?? 0;
        var high = points.Count > 0 ? points.Max(p => p.High) : band.High ?? band.Low ?? 1;
        (low, high) = (Math.Min(low, band.Low ?? low), Math.Max(high, band.High ?? high));

        var pad = Math.Max((high - low) * 0.06, 0.5);
        return (low - pad, high + pad);
    }

    private static IEnumerable<double> ValueTicks(double low, double high)
    {
        var step = Math.Pow(10, Math.Floor(Math.Log10((high - low) / 4)));
        step *= (high - low) / step > 20 ? 5 : (high - low) / step > 8 ? 2 : 1;
        for (var value = Math.Ceiling(low / step) * step; value <= high; value += step)
        {
            // Rounded, and never "-0".
            yield return Math.Round(value, 6) + 0.0 is var tick && tick == 0 ? 0 : tick;
        }
    }

    /// <summary>Ticks at whole hours, days, months or years of the owner's clock, about six across the span.</summary>
    private static IEnumerable<(DateTimeOffset At, string Text)> TimeTicks(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        var length = to - from;
        var local = TimeZoneInfo.ConvertTime(from, zone);
        var (step, format, start) = length.TotalDays switch
        {
            <= 1.5 => (TimeSpan.FromHours(4), "HH:mm", new DateTime(local.Year, local.Month, local.Day, local.Hour / 4 * 4, 0, 0)),
            <= 10 => (TimeSpan.FromDays(1), "ddd d", local.Date),
            <= 45 => (TimeSpan.FromDays(7), "MMM d", local.Date),
            <= 800 => (TimeSpan.Zero, "MMM", new DateTime(local.Year, local.Month, 1)),
            _ => (TimeSpan.Zero, "yyyy", new DateTime(local.Year, 1, 1)),
        };
        var monthly = step == TimeSpan.Zero;
        var every = monthly ? (length.TotalDays <= 800 ? Math.Max(1, (int)Math.Ceiling(length.TotalDays / 30 / 7)) : Math.Max(1, (int)Math.Ceiling(length.TotalDays / 365 / 7))) : 1;
        for (var tick = start; ; tick = monthly ? (format == "yyyy" ? tick.AddYears(every) : tick.AddMonths(every)) : tick + step)
        {
            var at = new DateTimeOffset(tick, zone.GetUtcOffset(tick));
            if (at > to)
            {
                yield break;
            }

            if (at >= from)
            {
                yield return (at, tick.ToString(format, CultureInfo.InvariantCulture));
            }
        }
    }
}
