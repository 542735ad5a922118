namespace FlowerPower.Cloud;

/// <summary>A gauge: the plant's comfortable range and the current value (<c>gauge_values</c>).</summary>
public sealed class GaugeValues : FlowerPowerModel
{
    /// <summary>Lower end of the comfortable range (<c>min_threshold</c>).</summary>
    public double? MinThreshold { get; set; }

    /// <summary>Upper end of the comfortable range (<c>max_threshold</c>).</summary>
    public double? MaxThreshold { get; set; }

    /// <summary>The current value (<c>current_value</c>).</summary>
    public double? CurrentValue { get; set; }
}
