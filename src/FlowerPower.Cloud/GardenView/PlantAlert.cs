namespace FlowerPower.Cloud;

/// <summary>One thing a plant needs, as the Flower Power app showed it: which plant, what, how soon, and a line to show a person.</summary>
public sealed record PlantAlert
{
    /// <summary>The location the alert is for.</summary>
    public required string LocationIdentifier { get; init; }

    /// <summary>The plant's name from the garden's configuration (<c>plant_nickname</c>), if it has one.</summary>
    public string? PlantNickname { get; init; }

    /// <summary>What the alert is about.</summary>
    public required PlantAlertKind Kind { get; init; }

    /// <summary>How soon it needs attention.</summary>
    public required PlantAlertSeverity Severity { get; init; }

    /// <summary>The wire's <c>status_key</c>; null for a battery alert, which has none.</summary>
    public StatusKey? StatusKey { get; init; }

    /// <summary>The wire's <c>instruction_key</c>, for example <c>soil_moisture_too_low</c>.</summary>
    public InstructionKey? InstructionKey { get; init; }

    /// <summary>The measure's gauge: its current value and the plant's thresholds, in the wire's units.</summary>
    public GaugeValues? GaugeValues { get; init; }

    /// <summary>When the cloud predicts the action will be due, where the wire has it (watering).</summary>
    public DateTimeOffset? PredictedActionDatetimeUtc { get; init; }

    /// <summary>One line of English for a person, for example "Water now: the soil is too dry (6 %, needs 15 %)".</summary>
    public required string Message { get; init; }

    /// <summary>The alert as one line: plant, severity and message.</summary>
    /// <returns>The alert as text.</returns>
    public override string ToString() => $"{PlantNickname ?? LocationIdentifier}: {Severity}: {Message}";
}
