namespace FlowerPower.Cloud;

/// <summary>Automatic watering settings of a sensor (<c>autowatering_cfg</c>).</summary>
public sealed class AutowateringConfig : FlowerPowerModel
{
    /// <summary>The watering mode (<c>mode</c>), for example "off".</summary>
    public string? Mode { get; set; }
}
