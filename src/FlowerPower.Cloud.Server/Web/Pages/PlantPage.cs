using System.Text;

namespace FlowerPower.Cloud.Server.Web.Pages;

/// <summary>
/// One plant over a chosen span: light, soil moisture, fertilizer and air temperature as charts in the owner's units
/// and time zone, with the plant's thresholds as bands and its waterings marked; the sensor's battery, its last
/// reading (and how old it is) apart from its last upload, and its history index; and the span as CSV. A span without
/// readings says when the last one was and links the shortest span that has it, instead of drawing empty charts.
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
        var last = status?.LastSampleUtc;
        Html.Labeled(body, "Last reading", last is { } reading ? $"{FlowerPowerUnits.FormatTime(reading, profile)} ({ReadingAge.Describe(reading, to)})" : null);
        Html.Labeled(body, "Last upload", (status?.LastSampleUpload ?? status?.LastProcessedUploadDatetimeUtc) is { } upload ? FlowerPowerUnits.FormatTime(upload, profile) : null);
        Html.Labeled(body, "History index", status?.Sensor?.CurrentHistoryIndex?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        body.Append("</p>");

        var staleAge = ReadingAge.StaleAge(last, to);
        if (staleAge is not null)
        {
            body.Append("<p class=\"age stale\" role=\"note\">The last reading is ").Append(Html.Encode(staleAge))
                .Append(": the sensor or its bridge has sent nothing since, so what this plant needs now may differ.</p>");
        }

        Html.Alerts(body, plant.Alerts, staleAge);

        var samples = history.Samples;
        if (samples.Count == 0)
        {
            body.Append("<p class=\"quiet empty\">");
            if (last is not { } lastReading)
            {
                body.Append("No readings yet: the sensor has sent nothing.");
            }
            else
            {
                body.Append("No readings in the last ").Append(Html.Encode(ChartSpans.Noun(span))).Append(". The last one was ")
                    .Append(Html.Encode(ReadingAge.Describe(lastReading, to))).Append(" (").Append(Html.Encode(FlowerPowerUnits.FormatTime(lastReading, profile))).Append(')');
                if (ChartSpans.Covering(lastReading, to, status?.FirstSampleUtc) is { } covering && covering != span)
                {
                    body.Append(": <a href=\"/plants/").Append(escaped).Append("?span=").Append(ChartSpans.Word(covering)).Append("\">see the last ")
                        .Append(Html.Encode(ChartSpans.Noun(covering))).Append("</a>");
                }

                body.Append('.');
            }

            body.Append("</p>");
            return Html.Page(name, body.ToString(), formToken, profile?.Email);
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
        Chart(body, "light", $"Daily light ({lightUnit}, the day's average)", samples, s => s.Light, light, status?.Light?.GaugeValues, waterings, from, to, zone);
        Chart(body, "moisture", "Soil moisture (%)", samples, s => s.SoilMoisturePercent, v => v, status?.Watering?.SoilMoisture?.GaugeValues, waterings, from, to, zone);
        Chart(body, "fertilizer", "Fertilizer (mS/cm)", samples, s => s.FertilizerLevel, v => v, status?.Fertilizer?.GaugeValues, waterings, from, to, zone);
        Chart(body, "temperature", $"Air temperature ({FlowerPowerUnits.TemperatureUnit(profile)})", samples, s => s.AirTemperatureCelsius, temperature, status?.AirTemperature?.GaugeValues, waterings, from, to, zone);
        body.Append("</div><a class=\"download\" href=\"/plants/").Append(escaped).Append("/samples.csv?span=").Append(ChartSpans.Word(span))
            .Append("\" download>Download CSV of this span</a>")
            .Append("<p class=\"legend\">Times in ").Append(Html.Encode(zone == TimeZoneInfo.Utc ? "UTC" : zone.Id)).Append("; the green band is what the plant wants")
            .Append(waterings.Any(w => w >= from && w <= to) ? "; dashed lines are waterings.</p>" : ".</p>");
        return Html.Page(name, body.ToString(), formToken, profile?.Email);
    }

    private static void Chart(
        StringBuilder body, string measure, string label, IReadOnlyList<Sample> samples, Func<Sample, double?> reading, Func<double, double> unit,
        GaugeValues? thresholds, IReadOnlyList<DateTimeOffset> waterings, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        var points = Downsampler.Points(samples, s => reading(s) is { } v && v >= 0 ? unit(v) : null, from, to);
        var (low, high) = (thresholds?.MinThreshold is { } min && double.IsFinite(min) ? unit(min) : (double?)null, thresholds?.MaxThreshold is { } max && double.IsFinite(max) ? unit(max) : (double?)null);
        var band = low > high ? (null, null) : (low, high);
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
