namespace FlowerPower.Cloud;

/// <summary>Soil moisture status of a location (<c>watering.soil_moisture</c>).</summary>
public sealed class SoilMoistureStatus : FlowerPowerModel
{
    /// <summary>How soil moisture stands (<c>status_key</c>).</summary>
    public StatusKey? StatusKey { get; set; }

    /// <summary>What the owner should do (<c>instruction_key</c>).</summary>
    public InstructionKey? InstructionKey { get; set; }

    /// <summary>When the plant is predicted to need water (<c>predicted_action_datetime_utc</c>).</summary>
    public DateTimeOffset? PredictedActionDatetimeUtc { get; set; }

    /// <summary>The soil moisture (volumetric water content, %) expected at that time (<c>predicted_action_vwc_value</c>).</summary>
    public double? PredictedActionVwcValue { get; set; }

    /// <summary>When the owner last watered (<c>done_action_datetime_utc</c>).</summary>
    public DateTimeOffset? DoneActionDatetimeUtc { get; set; }

    /// <summary>The soil moisture gauge, in percent (<c>gauge_values</c>).</summary>
    public GaugeValues? GaugeValues { get; set; }
}
