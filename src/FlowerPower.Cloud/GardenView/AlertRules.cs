namespace FlowerPower.Cloud.GardenView;

/// <summary>
/// Turns a location's status into alerts: one per concern whose <c>status_key</c> asks for attention
/// (<c>status_warning</c>, <c>status_critical</c>, <c>predicted_action</c>), one for a battery at or below the
/// threshold, and a generic one of kind <see cref="PlantAlertKind.Other"/> for a status key the SDK does not know.
/// <c>status_ok</c>, <c>waiting_data</c>, <c>action_done</c> and null raise nothing. Messages quote readings as the
/// garden shows them, through <see cref="FlowerPowerUnits"/> in the profile's units, and times in its time zone.
/// </summary>
internal static class AlertRules
{
    public static List<PlantAlert> For(string locationIdentifier, string? nickname, LocationStatus status, UserProfile? profile, double batteryThreshold)
    {
        var alerts = new List<PlantAlert>();
        var soil = status.Watering?.SoilMoisture;
        if (soil?.StatusKey is not null)
        {
            Add(alerts, locationIdentifier, nickname, profile, PlantAlertKind.Watering, soil.StatusKey, soil.InstructionKey, soil.GaugeValues, soil.PredictedActionDatetimeUtc);
        }
        else if (status.Watering is { } watering)
        {
            Add(alerts, locationIdentifier, nickname, profile, PlantAlertKind.Watering, watering.StatusKey, watering.InstructionKey, soil?.GaugeValues, soil?.PredictedActionDatetimeUtc);
        }

        Add(alerts, locationIdentifier, nickname, profile, PlantAlertKind.Light, status.Light);
        Add(alerts, locationIdentifier, nickname, profile, PlantAlertKind.AirTemperature, status.AirTemperature);
        Add(alerts, locationIdentifier, nickname, profile, PlantAlertKind.Fertilizer, status.Fertilizer);
        if (status.Watering?.AutomaticWatering is { } automatic)
        {
            Add(alerts, locationIdentifier, nickname, profile, PlantAlertKind.AutomaticWatering, automatic.StatusKey, automatic.InstructionKey, automatic.GaugeValues, automatic.PredictedActionDatetimeUtc);
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
                Message = $"Replace the sensor's battery: {FlowerPowerUnits.FormatPercent(battery)} left",
            });
        }

        return alerts;
    }

    private static void Add(List<PlantAlert> alerts, string location, string? nickname, UserProfile? profile, PlantAlertKind kind, MeasurementStatus? measure)
    {
        if (measure is not null)
        {
            Add(alerts, location, nickname, profile, kind, measure.StatusKey, measure.InstructionKey, measure.GaugeValues, measure.PredictedActionDatetimeUtc);
        }
    }

    private static void Add(
        List<PlantAlert> alerts, string location, string? nickname, UserProfile? profile, PlantAlertKind kind, StatusKey? status, InstructionKey? instruction, GaugeValues? gauge, DateTimeOffset? predicted)
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
            Message = Message(kind, severity, instruction, gauge, predicted, profile),
        });
    }

    private static string Message(
        PlantAlertKind kind, PlantAlertSeverity severity, InstructionKey? instruction, GaugeValues? gauge, DateTimeOffset? predicted, UserProfile? profile)
    {
        var text = instruction?.Value ?? string.Empty;
        var high = text.EndsWith("_too_high", StringComparison.Ordinal);
        var current = gauge?.CurrentValue;
        string Range(Func<double, string> format, bool upper) =>
            current is not { } now ? string.Empty
            : upper && gauge!.MaxThreshold is { } max ? $" ({format(now)}, at most {format(max)})"
            : !upper && gauge!.MinThreshold is { } min ? $" ({format(now)}, needs {format(min)})"
            : $" ({format(now)})";
        string Light(double value) => FlowerPowerUnits.FormatLight(value, profile);
        string Temperature(double value) => FlowerPowerUnits.FormatTemperature(value, profile);

        return kind switch
        {
            PlantAlertKind.Watering when severity == PlantAlertSeverity.Predicted =>
                $"Water soon: the soil will be too dry{(predicted is { } at ? " by " + FlowerPowerUnits.FormatTime(at, profile) : string.Empty)}{Range(FlowerPowerUnits.FormatPercent, false)}",
            PlantAlertKind.Watering when high => $"Let it drain: the soil is too wet{Range(FlowerPowerUnits.FormatPercent, true)}",
            PlantAlertKind.Watering => $"Water now: the soil is too dry{Range(FlowerPowerUnits.FormatPercent, false)}",
            PlantAlertKind.Light when high => $"Move it out of direct sun: too much light{Range(Light, true)}",
            PlantAlertKind.Light => $"Move it somewhere brighter: too little light{Range(Light, false)}",
            PlantAlertKind.AirTemperature when high => $"Too hot for it{Range(Temperature, true)}",
            PlantAlertKind.AirTemperature => $"Too cold for it{Range(Temperature, false)}",
            PlantAlertKind.Fertilizer when high => $"Flush the soil: too much fertilizer{Range(FlowerPowerUnits.FormatFertilizer, true)}",
            PlantAlertKind.Fertilizer => $"Feed it: too little fertilizer{Range(FlowerPowerUnits.FormatFertilizer, false)}",
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
}
