namespace FlowerPower.Cloud;

/// <summary>The status of one measurement of a location: air temperature, light or fertilizer.</summary>
public sealed class MeasurementStatus : FlowerPowerModel
{
    /// <summary>How the measurement stands (<c>status_key</c>); null when unknown.</summary>
    public StatusKey? StatusKey { get; set; }

    /// <summary>What the owner should do (<c>instruction_key</c>); null when unknown.</summary>
    public InstructionKey? InstructionKey { get; set; }

    /// <summary>When the server analyses the measurement next (<c>next_analysis_datetime_utc</c>).</summary>
    public DateTimeOffset? NextAnalysisDatetimeUtc { get; set; }

    /// <summary>When the owner is predicted to have to act (<c>predicted_action_datetime_utc</c>).</summary>
    public DateTimeOffset? PredictedActionDatetimeUtc { get; set; }

    /// <summary>When the owner last acted (<c>done_action_datetime_utc</c>).</summary>
    public DateTimeOffset? DoneActionDatetimeUtc { get; set; }

    /// <summary>The gauge: thresholds and current value (<c>gauge_values</c>).</summary>
    public GaugeValues? GaugeValues { get; set; }
}
