using System.Text.Json;

namespace FlowerPower.Cloud.Server.HomeAssistant;

/// <summary>
/// A plant's state topic, one JSON object every entity reads (<see cref="DiscoveryConfigs"/>): the garden status's
/// current readings (the temperature in the owner's unit), the last reading's time, and whether the plant needs
/// attention with its alerts, their values and thresholds in the owner's units. A reading the status lacks is null,
/// which Home Assistant shows as unknown.
/// </summary>
internal static class PlantState
{
    public static MqttMessage For(GardenPlant plant, UserProfile? profile, MqttTopics topics)
    {
        var status = plant.Status;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            Number(w, "soil_moisture", status?.Watering?.SoilMoisture?.GaugeValues?.CurrentValue, 1);
            Number(w, "air_temperature", status?.AirTemperature?.GaugeValues?.CurrentValue is { } celsius && profile?.UseFahrenheit == true
                ? FlowerPowerUnits.CelsiusToFahrenheit(celsius)
                : status?.AirTemperature?.GaugeValues?.CurrentValue, 1);
            Number(w, "light", status?.Light?.GaugeValues?.CurrentValue, 2);
            Number(w, "fertilizer", status?.Fertilizer?.GaugeValues?.CurrentValue is >= 0 and var fertilizer ? fertilizer : null, 2);
            Number(w, "battery", status?.Battery?.GaugeValues?.CurrentValue, 0);
            if (status?.LastSampleUtc is { } last)
            {
                w.WriteString("last_reading", last.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                w.WriteNull("last_reading");
            }

            w.WriteBoolean("needs_attention", plant.Alerts.Count > 0);
            w.WriteStartObject("attention");
            w.WriteNumber("count", plant.Alerts.Count);
            w.WriteStartArray("alerts");
            foreach (var alert in plant.Alerts.OrderByDescending(a => a.Severity))
            {
                w.WriteStartObject();
                w.WriteString("kind", alert.Kind.ToString());
                w.WriteString("severity", alert.Severity.ToString());
                w.WriteString("message", alert.Message);
                var format = Format(alert.Kind, profile);
                if (format is not null && alert.GaugeValues is { } gauge)
                {
                    Text(w, "value", gauge.CurrentValue, format);
                    Text(w, "min", gauge.MinThreshold, format);
                    Text(w, "max", gauge.MaxThreshold, format);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return new MqttMessage(topics.State(topics.Node(plant.LocationIdentifier)), buffer.ToArray());
    }

    private static Func<double, string>? Format(PlantAlertKind kind, UserProfile? profile) => kind switch
    {
        PlantAlertKind.Watering or PlantAlertKind.Battery => FlowerPowerUnits.FormatPercent,
        PlantAlertKind.Light => v => FlowerPowerUnits.FormatLight(v, profile),
        PlantAlertKind.AirTemperature => v => FlowerPowerUnits.FormatTemperature(v, profile),
        PlantAlertKind.Fertilizer => FlowerPowerUnits.FormatFertilizer,
        _ => null,
    };

    private static void Number(Utf8JsonWriter w, string name, double? value, int decimals)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, Math.Round(v, decimals, MidpointRounding.AwayFromZero));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Text(Utf8JsonWriter w, string name, double? value, Func<double, string> format)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteString(name, format(v));
        }
    }
}
