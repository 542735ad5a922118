using System.Globalization;

namespace FlowerPower.Cloud.GardenView;

/// <summary>
/// Turns a location's status into alerts: one per concern whose <c>status_key</c> asks for attention
/// (<c>status_warning</c>, <c>status_critical</c>, <c>predicted_action</c>), one for a battery at or below the
/// threshold, and a generic one of kind <see cref="PlantAlertKind.Other"/> for a status key the SDK does not know.
/// <c>status_ok</c>, <c>waiting_data</c>, <c>action_done</c> and null raise nothing.
/// </summary>
internal static class AlertRules
{
    public static List<PlantAlert> For(string locationIdentifier, string? nickname, LocationStatus status, double batteryThreshold)
    {
        var alerts = new List<PlantAlert>();
        var soil = status.Watering?.SoilMoisture;
        if (soil?.StatusKey is not null)
        {
            Add(alerts, locationIdentifier, nickname, PlantAlertKind.Watering, soil.StatusKey, soil.InstructionKey, soil.GaugeValues, soil.PredictedActionDatetimeUtc);
        }
        else if (status.Watering is { } watering)
        {
            Add(alerts, locationIdentifier, nickname, PlantAlertKind.Watering, watering.StatusKey, watering.InstructionKey, soil?.GaugeValues, soil?.PredictedActionDatetimeUtc);
        }

        Add(alerts, locationIdentifier, nickname, PlantAlertKind.Light, status.Light);
        Add(alerts, locationIdentifier, nickname, PlantAlertKind.AirTemperature, status.AirTemperature);
        Add(alerts, locationIdentifier, nickname, PlantAlertKind.Fertilizer, status.Fertilizer);
        if (status.Watering?.AutomaticWatering is { } automatic)
        {
            Add(alerts, locationIdentifier, nickname, PlantAlertKind.AutomaticWatering, automatic.StatusKey, automatic.InstructionKey, automatic.GaugeValues, automatic.PredictedActionDatetimeUtc);
        }

        if (status.Battery?.GaugeValues is { CurrentValue: { } battery } gauge && battery <= batteryThreshold)
        {
            alerts.Add(new PlantAlert
            {
                LocationIdentifier = locationIdentifier,
                PlantNickname = nickname,
                Kind = PlantAlertKind.Battery,
                Severity = PlantAlertSeverity.Warning,
                GaugeValues = gauge,
                Message = $"Replace the sensor's battery: {Number(battery)} % left",
            });
        }

        return alerts;
    }

    private static void Add(List<PlantAlert> alerts, string location, string? nickname, PlantAlertKind kind, MeasurementStatus? measure)
    {
        if (measure is not null)
        {
            Add(alerts, location, nickname, kind, measure.StatusKey, measure.InstructionKey, measure.GaugeValues, measure.PredictedActionDatetimeUtc);
        }
    }

    private static void Add(
        List<PlantAlert> alerts, string location, string? nickname, PlantAlertKind kind, StatusKey? status, InstructionKey? instruction, GaugeValues? gauge, DateTimeOffset? predicted)
    {
        if (status is not { } key)
        {
            return;
        }

        PlantAlertSeverity severity;
        if (key == StatusKey.StatusWarning)
        {
            severity = PlantAlertSeverity.Warning;
        }
        else if (key == StatusKey.StatusCritical)
        {
            severity = PlantAlertSeverity.Critical;
        }
        else if (key == StatusKey.PredictedAction)
        {
            severity = PlantAlertSeverity.Predicted;
        }
        else if (key.IsKnown)
        {
            return;
        }
        else
        {
            alerts.Add(new PlantAlert
            {
                LocationIdentifier = location,
                PlantNickname = nickname,
                Kind = PlantAlertKind.Other,
                Severity = PlantAlertSeverity.Warning,
                StatusKey = key,
                InstructionKey = instruction,
                GaugeValues = gauge,
                PredictedActionDatetimeUtc = predicted,
                Message = $"Have a look: the cloud reports '{key.Value}' for {Describe(kind)}{(instruction is { } i ? $" ({i.Value})" : string.Empty)}",
            });
            return;
        }

        alerts.Add(new PlantAlert
        {
            LocationIdentifier = location,
            PlantNickname = nickname,
            Kind = kind,
            Severity = severity,
            StatusKey = key,
            InstructionKey = instruction,
            GaugeValues = gauge,
            PredictedActionDatetimeUtc = predicted,
            Message = Message(kind, severity, instruction, gauge, predicted),
        });
    }

    private static string Message(PlantAlertKind kind, PlantAlertSeverity severity, InstructionKey? instruction, GaugeValues? gauge, DateTimeOffset? predicted)
    {
        var text = instruction?.Value ?? string.Empty;
        var high = text.EndsWith("_too_high", StringComparison.Ordinal);
        var current = gauge?.CurrentValue;
        string Range(string unit, bool upper) =>
            current is not { } now ? string.Empty
            : upper && gauge!.MaxThreshold is { } max ? $" ({Number(now)}{unit}, at most {Number(max)}{unit})"
            : !upper && gauge!.MinThreshold is { } min ? $" ({Number(now)}{unit}, needs {Number(min)}{unit})"
            : $" ({Number(now)}{unit})";

        return kind switch
        {
            PlantAlertKind.Watering when severity == PlantAlertSeverity.Predicted =>
                $"Water soon: the soil will be too dry{(predicted is { } at ? " by " + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : string.Empty)}{Range(" %", false)}",
            PlantAlertKind.Watering when high => $"Let it drain: the soil is too wet{Range(" %", true)}",
            PlantAlertKind.Watering => $"Water now: the soil is too dry{Range(" %", false)}",
            PlantAlertKind.Light when high => $"Move it out of direct sun: too much light{Range(" mol/m²/day", true)}",
            PlantAlertKind.Light => $"Move it somewhere brighter: too little light{Range(" mol/m²/day", false)}",
            PlantAlertKind.AirTemperature when high => $"Too hot for it{Range(" °C", true)}",
            PlantAlertKind.AirTemperature => $"Too cold for it{Range(" °C", false)}",
            PlantAlertKind.Fertilizer when high => $"Flush the soil: too much fertilizer{Range(" mS/cm", true)}",
            PlantAlertKind.Fertilizer => $"Feed it: too little fertilizer{Range(" mS/cm", false)}",
            PlantAlertKind.AutomaticWatering => $"Check the automatic watering{(text.Length > 0 ? $": {text.Replace('_', ' ')}" : string.Empty)}",
            _ => $"Have a look at the {Describe(kind)}",
        };
    }

    private static string Describe(PlantAlertKind kind) => kind switch
    {
        PlantAlertKind.Watering => "soil moisture",
        PlantAlertKind.Light => "light",
        PlantAlertKind.AirTemperature => "air temperature",
        PlantAlertKind.Fertilizer => "fertilizer",
        PlantAlertKind.AutomaticWatering => "automatic watering",
        PlantAlertKind.Battery => "battery",
        _ => "plant",
    };

    private static string Number(double value) =>
        Math.Abs(value) >= 10 ? Math.Round(value).ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.#", CultureInfo.InvariantCulture);
}
