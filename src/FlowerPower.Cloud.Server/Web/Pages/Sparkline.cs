using System.Globalization;
using System.Text;

namespace FlowerPower.Cloud.Server.Web.Pages;

/// <summary>A plant card's week at a glance: soil moisture (0-50 %) and light (against the week's brightest) as two lines.</summary>
internal static class Sparkline
{
    private const double Width = 300;
    private const double Height = 60;

    public static string Render(IReadOnlyList<Sample> samples, DateTimeOffset from, DateTimeOffset to)
    {
        // Two points an hour are more than a 300-pixel line can show.
        var moisture = Downsampler.Points(samples, s => s.SoilMoisturePercent, from, to, most: 168);
        var light = Downsampler.Points(samples, s => s.Light, from, to, most: 168);
        var brightest = Math.Max(0.1, light.Count > 0 ? light.Max(p => p.Mean) : 0.1);
        var span = Math.Max(1, (to - from).Ticks);
        var svg = new StringBuilder(2048);
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"sparkline\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"Soil moisture and light over the last 7 days\">");
        Line(svg, "light", light, p => p.Mean / brightest);
        Line(svg, "moisture", moisture, p => Math.Clamp(p.Mean, 0, 50) / 50);
        svg.Append("</svg><div class=\"legend\">7 days: <span class=\"moisture-key\">soil moisture</span> and <span class=\"light-key\">light</span></div>");
        return svg.ToString();

        void Line(StringBuilder into, string measure, IReadOnlyList<ChartPoint> points, Func<ChartPoint, double> share)
        {
            into.Append("<polyline class=\"line ").Append(measure).Append("\" points=\"");
            foreach (var point in points)
            {
                into.Append(CultureInfo.InvariantCulture, $"{(point.At - from).Ticks / (double)span * Width:0.#},{Height - 2 - (share(point) * (Height - 4)):0.#} ");
            }

            into.Append("\"/>");
        }
    }
}
