using System.Globalization;
using System.Text;

namespace FlowerPower.Cloud.Server.Web.Pages;

/// <summary>
/// A plant card's week at a glance: soil moisture (0-50 %) and light (against the week's brightest) as two lines, a
/// lone reading as a dot, and a legend in the lines' colours.
/// </summary>
internal static class Sparkline
{
    private const double Width = 300;
    private const double Height = 60;

    /// <param name="samples">The week's samples.</param>
    /// <param name="from">The week's start.</param>
    /// <param name="to">The week's end.</param>
    /// <param name="endedAt">When the week ends before now (a sensor that stopped), that end as the owner reads it.</param>
    public static string Render(IReadOnlyList<Sample> samples, DateTimeOffset from, DateTimeOffset to, string? endedAt = null)
    {
        // Two points an hour are more than a 300-pixel line can show.
        var moisture = Downsampler.Points(samples, s => s.SoilMoisturePercent, from, to, most: 168);
        var light = Downsampler.Points(samples, s => s.Light, from, to, most: 168);
        var brightest = Math.Max(0.1, light.Count > 0 ? light.Max(p => p.Mean) : 0.1);
        var span = Math.Max(1, (to - from).Ticks);
        var svg = new StringBuilder(2048);
        var days = endedAt is null ? "the last 7 days" : $"the 7 days to {endedAt}";
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"sparkline\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"Soil moisture and light over {Html.Encode(days)}\">");
        Line(svg, "light", light, p => p.Mean / brightest);
        Line(svg, "moisture", moisture, p => Math.Clamp(p.Mean, 0, 50) / 50);
        svg.Append("</svg><div class=\"legend\">").Append(endedAt is null ? "7 days" : $"7 days to {Html.Encode(endedAt)}")
            .Append(": <span class=\"key moisture-key\">soil moisture</span> and <span class=\"key light-key\">light</span></div>");
        return svg.ToString();

        void Line(StringBuilder into, string measure, IReadOnlyList<ChartPoint> points, Func<ChartPoint, double> share)
        {
            double X(ChartPoint point) => (point.At - from).Ticks / (double)span * Width;
            double Y(ChartPoint point) => Height - 2 - (share(point) * (Height - 4));
            if (points.Count == 1)
            {
                into.Append(CultureInfo.InvariantCulture, $"<circle class=\"dot {measure}\" cx=\"{X(points[0]):0.#}\" cy=\"{Y(points[0]):0.#}\" r=\"2.5\"/>");
                return;
            }

            into.Append("<polyline class=\"line ").Append(measure).Append("\" points=\"");
            foreach (var point in points)
            {
                into.Append(CultureInfo.InvariantCulture, $"{X(point):0.#},{Y(point):0.#} ");
            }

            into.Append("\"/>");
        }
    }
}
