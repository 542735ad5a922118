namespace FlowerPower.Cloud;

/// <summary>Battery level of a location's sensor (<c>battery</c>).</summary>
public sealed class BatteryStatus : FlowerPowerModel
{
    /// <summary>The battery gauge, in percent (<c>gauge_values</c>).</summary>
    public GaugeValues? GaugeValues { get; set; }
}
