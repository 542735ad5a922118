using System.Globalization;
using System.Text;

namespace FlowerPower.Cloud.Samples.AspNet;

/// <summary>A week of soil moisture (0-50 %, blue) and light (relative to the week's brightest hour, amber) as inline SVG, hourly means.</summary>
internal static class Chart
{
    private const int Width = 600;
    private const int Height = 160;

    public static string Render(IReadOnlyList<Sample> samples, DateTimeOffset from, DateTimeOffset to)
    {
        var hours = samples.Where(s => s.CaptureDatetimeUtc is not null)
            .GroupBy(s => (int)((s.CaptureDatetimeUtc!.Value - from).TotalHours))
            .OrderBy(g => g.Key)
            .Select(g => (Hour: g.Key, Moisture: g.Average(s => s.SoilMoisturePercent ?? double.NaN), Light: g.Average(s => s.Light ?? double.NaN)))
            .ToList();
        var span = Math.Max(1, (to - from).TotalHours);
        var brightest = Math.Max(0.1, hours.Where(h => double.IsFinite(h.Light)).Select(h => h.Light).DefaultIfEmpty(0.1).Max());
        string Points(Func<(int Hour, double Moisture, double Light), double> value, double max) => string.Join(' ', hours
            .Where(h => double.IsFinite(value(h)))
            .Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.Hour / span * Width:0.#},{Height - (Math.Clamp(value(h), 0, max) / max * (Height - 10)):0.#}")));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"Soil moisture and light over 7 days\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#fbfcfa\"/>");
        for (var day = 1; day < 7; day++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{day * Width / 7.0:0.#}\" y1=\"0\" x2=\"{day * Width / 7.0:0.#}\" y2=\"{Height}\" stroke=\"#e3e8e0\"/>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"light\" fill=\"none\" stroke=\"#e0a100\" stroke-width=\"1.5\" points=\"{Points(h => h.Light, brightest)}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"moisture\" fill=\"none\" stroke=\"#2b6cb0\" stroke-width=\"2\" points=\"{Points(h => h.Moisture, 50)}\"/>");
        svg.Append("</svg><div class=\"legend\"><span style=\"color:#2b6cb0\">■</span> soil moisture (0–50 %) <span style=\"color:#e0a100\">■</span> light (relative)</div>");
        return svg.ToString();
    }
}
