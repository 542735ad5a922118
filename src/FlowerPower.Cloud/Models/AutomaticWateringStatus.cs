namespace FlowerPower.Cloud;

/// <summary>State of the automatic watering of a pot (<c>watering.automatic_watering</c>).</summary>
public sealed class AutomaticWateringStatus : FlowerPowerModel
{
    /// <summary>How automatic watering stands (<c>status_key</c>).</summary>
    public StatusKey? StatusKey { get; set; }

    /// <summary>What the owner should do (<c>instruction_key</c>).</summary>
    public InstructionKey? InstructionKey { get; set; }

    /// <summary>When the owner is predicted to have to act (<c>predicted_action_datetime_utc</c>).</summary>
    public DateTimeOffset? PredictedActionDatetimeUtc { get; set; }

    /// <summary>When the pot waters next (<c>next_watering_datetime_utc</c>).</summary>
    public DateTimeOffset? NextWateringDatetimeUtc { get; set; }

    /// <summary>When the pot last watered (<c>last_watering_datetime_utc</c>).</summary>
    public DateTimeOffset? LastWateringDatetimeUtc { get; set; }

    /// <summary>When the owner last acted (<c>done_action_datetime_utc</c>).</summary>
    public DateTimeOffset? DoneActionDatetimeUtc { get; set; }

    /// <summary>How many days the water tank lasts (<c>full_autonomy_days</c>).</summary>
    public double? FullAutonomyDays { get; set; }

    /// <summary>The water tank gauge, in percent (<c>gauge_values</c>).</summary>
    public GaugeValues? GaugeValues { get; set; }
}
