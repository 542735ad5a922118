using System.Text;

namespace FlowerPower.Cloud.Server.Web.Pages;

/// <summary>
/// One plant over a chosen span: light, soil moisture, fertilizer and air temperature as charts in the owner's units
/// and time zone, with the plant's thresholds as bands and its waterings marked; the sensor's battery, last upload and
/// history index; and the span as CSV.
/// </summary>
internal static class PlantPage
{
    public static string Render(PlantHistory shown, string formToken)
    {
        var (plant, profile, history, span, from, to) = (shown.Plant, shown.Garden.Profile, shown.Samples, shown.Span, shown.From, shown.To);
        var zone = FlowerPowerUnits.TimeZone(profile);
        var status = plant.Status;
        var name = plant.Nickname ?? plant.LocationIdentifier;
        var escaped = Html.Encode(Uri.EscapeDataString(plant.LocationIdentifier));
        var body = new StringBuilder();
        body.Append("<h1>").Append(Html.Encode(name)).Append("</h1><nav class=\"spans\" aria-label=\"Span\">");
        foreach (var each in ChartSpans.All)
        {
            var word = ChartSpans.Word(each);
            body.Append("<a href=\"/plants/").Append(escaped).Append("?span=").Append(word).Append('"')
                .Append(each == span ? " class=\"current\" aria-current=\"page\"" : string.Empty).Append('>').Append(each).Append("</a>");
        }

        body.Append("</nav><p class=\"sensor\">");
        Html.Labeled(body, "Sensor", plant.SensorSerial ?? "none");
        Html.Labeled(body, "Battery", status?.Battery?.GaugeValues?.CurrentValue is { } battery ? FlowerPowerUnits.FormatPercent(battery) : null);
        Html.Labeled(body, "Last upload", (status?.LastSampleUpload ?? status?.LastProcessedUploadDatetimeUtc) is { } upload ? FlowerPowerUnits.FormatTime(upload, profile) : null);
        Html.Labeled(body, "History index", status?.Sensor?.CurrentHistoryIndex?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        body.Append("</p>");

        Html.Alerts(body, plant.Alerts);

        var samples = history.Samples;
        if (samples.Count == 0)
        {
            body.Append("<p class=\"quiet\">No readings in this span.</p>");
        }

        var waterings = history.WateringEvents.Select(WateredAt).OfType<DateTimeOffset>().ToList();
        var lightUnit = FlowerPowerUnits.LightUnit(profile);
        Func<double, double> light = lightUnit switch
        {
            "mol/m²/day" => v => v,
            "fc" => FlowerPowerUnits.LightToFootCandles,
            _ => FlowerPowerUnits.LightToLux,
        };
        Func<double, double> temperature = profile?.UseFahrenheit == true ? FlowerPowerUnits.CelsiusToFahrenheit : v => v;
        body.Append("<div class=\"charts\">");
        Chart(body, "light", $"Light ({lightUnit})", samples, s => s.Light, light, status?.Light?.GaugeValues, waterings, from, to, zone);
        Chart(body, "moisture", "Soil moisture (%)", samples, s => s.SoilMoisturePercent, v => v, status?.Watering?.SoilMoisture?.GaugeValues, waterings, from, to, zone);
        Chart(body, "fertilizer", "Fertilizer (mS/cm)", samples, s => s.FertilizerLevel, v => v, status?.Fertilizer?.GaugeValues, waterings, from, to, zone);
        Chart(body, "temperature", $"Air temperature ({FlowerPowerUnits.TemperatureUnit(profile)})", samples, s => s.AirTemperatureCelsius, temperature, status?.AirTemperature?.GaugeValues, waterings, from, to, zone);
        body.Append("</div><a class=\"download\" href=\"/plants/").Append(escaped).Append("/samples.csv?span=").Append(ChartSpans.Word(span))
            .Append("\" download>Download CSV of this span</a>")
            .Append("<p class=\"legend\">Times in ").Append(Html.Encode(zone == TimeZoneInfo.Utc ? "UTC" : zone.Id)).Append("; the green band is what the plant wants, dashed lines are waterings.</p>");
        return Html.Page(name, body.ToString(), formToken, profile?.Email);
    }

    private static void Chart(
        StringBuilder body, string measure, string label, IReadOnlyList<Sample> samples, Func<Sample, double?> reading, Func<double, double> unit,
        GaugeValues? thresholds, IReadOnlyList<DateTimeOffset> waterings, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        var points = Downsampler.Points(samples, s => reading(s) is { } v && v >= 0 ? unit(v) : null, from, to);
        (double, double)? band = thresholds is { MinThreshold: { } low, MaxThreshold: { } high } && low <= high ? (unit(low), unit(high)) : null;
        body.Append("<section class=\"chart\"><h2>").Append(Html.Encode(label)).Append("</h2>")
            .Append(SvgChart.Render(measure, label, points, band, waterings, from, to, zone)).Append("</section>");
    }

    /// <summary>When a watering event says the plant was watered (<c>watering_datetime_utc</c>), or null.</summary>
    private static DateTimeOffset? WateredAt(System.Text.Json.JsonElement watering) =>
        watering.ValueKind == System.Text.Json.JsonValueKind.Object &&
        watering.TryGetProperty("watering_datetime_utc", out var at) && at.ValueKind == System.Text.Json.JsonValueKind.String &&
        DateTimeOffset.TryParse(at.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;
}
