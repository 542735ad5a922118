using System.Text;

namespace FlowerPower.Cloud.Server.Web.Pages;

/// <summary>
/// The garden as the app showed it: a card per plant with its picture placeholder, nickname, latest readings in the
/// owner's units, how old they are, what it needs now (most urgent first, marked stale when the readings are) and its
/// last week of light and soil moisture.
/// </summary>
internal static class GardenPage
{
    /// <param name="garden">The garden, read through the SDK.</param>
    /// <param name="weeks">Each plant's sparkline week, by location identifier.</param>
    /// <param name="now">The time the page is drawn, which the readings' age is counted to.</param>
    /// <param name="formToken">The sign-out form's antiforgery token.</param>
    public static string Render(Garden garden, IReadOnlyDictionary<string, PlantWeek> weeks, DateTimeOffset now, string formToken)
    {
        var profile = garden.Profile;
        var body = new StringBuilder();
        body.Append("<h1>My garden</h1>");
        if (garden.Plants.Count == 0)
        {
            body.Append("<p class=\"quiet\">No plants yet: add a location with <code>flowerpower-server locations add</code>.</p>");
        }

        body.Append("<div class=\"plants\">");
        foreach (var plant in garden.Plants)
        {
            var name = plant.Nickname ?? plant.LocationIdentifier;
            var status = plant.Status;
            body.Append("<section class=\"plant\" data-location=\"").Append(Html.Encode(plant.LocationIdentifier)).Append("\">")
                .Append("<div class=\"top\"><div class=\"picture\" aria-hidden=\"true\">").Append(Html.Encode(Html.Initial(name))).Append("</div>")
                .Append("<h2><a href=\"/plants/").Append(Html.Encode(Uri.EscapeDataString(plant.LocationIdentifier))).Append("\">").Append(Html.Encode(name)).Append("</a></h2></div>");
            weeks.TryGetValue(plant.LocationIdentifier, out var week);
            if (status?.LastSampleUtc is not { } last)
            {
                body.Append(plant.SensorSerial is null
                    ? "<p class=\"quiet\">No sensor: this plant has no Flower Power.</p></section>"
                    : "<p class=\"quiet\">No data yet: the sensor has sent nothing.</p></section>");
                continue;
            }

            if (plant.SensorSerial is null)
            {
                body.Append("<p class=\"quiet\">No sensor now: these are the last readings it had.</p>");
            }

            body.Append("<div class=\"readings\">");
            Reading(body, "Daily light", status.Light?.GaugeValues?.CurrentValue, v => FlowerPowerUnits.FormatLight(v, profile));
            Reading(body, "Soil moisture", status.Watering?.SoilMoisture?.GaugeValues?.CurrentValue, FlowerPowerUnits.FormatPercent);
            Reading(body, "Fertilizer", status.Fertilizer?.GaugeValues?.CurrentValue, FlowerPowerUnits.FormatFertilizer);
            Reading(body, "Air", status.AirTemperature?.GaugeValues?.CurrentValue, v => FlowerPowerUnits.FormatTemperature(v, profile));
            body.Append("</div>");
            Html.LastReading(body, last, now, profile);
            var staleAge = ReadingAge.StaleAge(last, now);
            if (plant.Alerts.Count == 0)
            {
                body.Append(staleAge is null ? "<p class=\"ok\">All good</p>" : $"<p class=\"ok stale\">All good {Html.Encode(staleAge)}; nothing since</p>");
            }

            Html.Alerts(body, plant.Alerts, staleAge);

            if (week is { Samples.Count: > 0 })
            {
                body.Append(Sparkline.Render(week.Samples, week.From, week.To, staleAge is null ? null : FlowerPowerUnits.FormatTime(week.To, profile)));
            }

            body.Append("</section>");
        }

        body.Append("</div>");
        return Html.Page("My garden", body.ToString(), formToken, profile?.Email);
    }

    private static void Reading(StringBuilder body, string label, double? value, Func<double, string> format) =>
        Html.Labeled(body, label, value is { } v && double.IsFinite(v) ? format(v) : null);
}
