namespace FlowerPower.Cloud;

/// <summary>Alerts the user switched off for a location (<c>ignored_alerts</c>).</summary>
public sealed class IgnoredAlerts : FlowerPowerModel
{
    /// <summary>Whether watering alerts are ignored (<c>watering</c>).</summary>
    public bool? Watering { get; set; }
}
