using Spectre.Console;

namespace FlowerPower.Cloud.Samples;

/// <summary>
/// The garden as a table in the user's units, and what needs attention, coloured by how soon: the table and the alerts
/// quote readings through the same <see cref="FlowerPowerUnits"/> formats, so they never disagree.
/// </summary>
internal static class GardenReport
{
    public static void Write(IAnsiConsole console, Garden garden, IReadOnlyList<PlantAlert> alerts, UserProfile? profile)
    {
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle("Garden") };
        table.AddColumns("Plant", "Sensor", "Light (day)", "Soil moisture", "Fertilizer", "Temperature", "Battery");
        foreach (var plant in garden.Plants)
        {
            var status = plant.Status;
            table.AddRow(
                Markup.Escape(plant.Nickname ?? plant.LocationIdentifier),
                Markup.Escape(plant.Configuration.Sensor?.Nickname ?? plant.SensorSerial ?? "no sensor"),
                Value(status?.Light?.GaugeValues?.CurrentValue, v => FlowerPowerUnits.FormatLight(v, profile)),
                Value(status?.Watering?.SoilMoisture?.GaugeValues?.CurrentValue, FlowerPowerUnits.FormatPercent),
                Value(status?.Fertilizer?.GaugeValues?.CurrentValue, FlowerPowerUnits.FormatFertilizer),
                Value(status?.AirTemperature?.GaugeValues?.CurrentValue, v => FlowerPowerUnits.FormatTemperature(v, profile)),
                Value(status?.Battery?.GaugeValues?.CurrentValue, FlowerPowerUnits.FormatPercent));
        }

        console.Write(table);
        console.WriteLine();
        console.MarkupLine("[bold]Needs attention now[/]");
        if (alerts.Count == 0)
        {
            console.MarkupLine("  [green]nothing: every plant is fine[/]");
            return;
        }

        foreach (var alert in alerts.OrderByDescending(a => a.Severity))
        {
            var colour = alert.Severity switch
            {
                PlantAlertSeverity.Critical => "red",
                PlantAlertSeverity.Warning => "yellow",
                _ => "blue",
            };
            console.MarkupLine($"  [{colour}]![/] {Markup.Escape(alert.PlantNickname ?? alert.LocationIdentifier)}: {Markup.Escape(alert.Message)}");
        }
    }

    private static string Value(double? value, Func<double, string> format) => value is { } v ? Markup.Escape(format(v)) : "—";
}
