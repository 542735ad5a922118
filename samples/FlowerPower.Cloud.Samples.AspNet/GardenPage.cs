using System.Globalization;
using System.Net;
using System.Text;

namespace FlowerPower.Cloud.Samples.AspNet;

/// <summary>
/// The page to open every morning: each plant with its readings in the profile's units, its alerts highlighted, and a
/// 7-day chart of soil moisture and light, drawn as inline SVG on the server (nothing fetched from outside).
/// </summary>
internal static class GardenPage
{
    public static async Task<string> RenderAsync(IFlowerPowerClient client, CancellationToken cancellationToken)
    {
        var profile = (await client.GetProfileAsync(cancellationToken)).UserProfile;
        var garden = await client.GetGardenAsync(cancellationToken);
        var to = DateTimeOffset.UtcNow;
        var html = new StringBuilder("""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>My garden</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>
              body{font-family:system-ui,sans-serif;margin:2rem;background:#f6f8f4;color:#213021}
              h1{margin-top:0} .plants{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:1rem}
              .plant{background:#fff;border-radius:12px;padding:1rem 1.2rem;box-shadow:0 1px 3px #0002}
              .readings{display:flex;flex-wrap:wrap;gap:.4rem 1rem;font-size:.95rem;color:#445}
              .alert{border-radius:8px;padding:.35rem .6rem;margin:.3rem 0;font-size:.95rem}
              .Critical{background:#fde2e1;color:#8a1c14} .Warning{background:#fff3cd;color:#6b4e00} .Predicted{background:#e2ecfd;color:#1d3f80}
              .ok{color:#2d6a2d} svg{width:100%;height:auto;margin-top:.5rem} .legend{font-size:.8rem;color:#667}
            </style></head><body>
            """);
        html.Append(CultureInfo.InvariantCulture, $"<h1>My garden</h1><p class=\"legend\">{Encode(profile?.Email)} · {Encode(profile?.UtcTimezone)} · {to:yyyy-MM-dd HH:mm} UTC</p><div class=\"plants\">");
        foreach (var plant in garden.Plants)
        {
            html.Append(CultureInfo.InvariantCulture, $"<section class=\"plant\" data-location=\"{Encode(plant.LocationIdentifier)}\"><h2>{Encode(plant.Nickname ?? plant.LocationIdentifier)}</h2>");
            var status = plant.Status;
            html.Append("<div class=\"readings\">");
            Reading(html, "Light", status?.Light?.GaugeValues?.CurrentValue, v => FlowerPowerUnits.FormatLight(v, profile));
            Reading(html, "Soil", status?.Watering?.SoilMoisture?.GaugeValues?.CurrentValue, v => v.ToString("0", CultureInfo.InvariantCulture) + " %");
            Reading(html, "Air", status?.AirTemperature?.GaugeValues?.CurrentValue, v => FlowerPowerUnits.FormatTemperature(v, profile));
            Reading(html, "Battery", status?.Battery?.GaugeValues?.CurrentValue, v => v.ToString("0", CultureInfo.InvariantCulture) + " %");
            html.Append("</div>");
            if (plant.Alerts.Count == 0)
            {
                html.Append(plant.SensorSerial is null ? "<p class=\"legend\">No sensor</p>" : "<p class=\"ok\">All good</p>");
            }

            foreach (var alert in plant.Alerts.OrderByDescending(a => a.Severity))
            {
                html.Append(CultureInfo.InvariantCulture, $"<div class=\"alert {alert.Severity}\">{Encode(alert.Message)}</div>");
            }

            if (plant.SensorSerial is not null)
            {
                var samples = await client.GetSamplesAsync(plant.LocationIdentifier, to.AddDays(-7), to, cancellationToken);
                html.Append(Chart.Render(samples.Samples, to.AddDays(-7), to));
            }

            html.Append("</section>");
        }

        return html.Append("</div></body></html>").ToString();
    }

    private static void Reading(StringBuilder html, string label, double? value, Func<double, string> format) =>
        html.Append(CultureInfo.InvariantCulture, $"<span>{label}: <b>{(value is { } v ? Encode(format(v)) : "—")}</b></span>");

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
