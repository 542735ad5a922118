namespace FlowerPower.Cloud;

/// <summary>The state of a location's sensor (<c>locations[].sensor</c> of the garden status).</summary>
public sealed class SensorStatus : FlowerPowerModel
{
    /// <summary>The kind of sensor (<c>sensor_type</c>).</summary>
    public string? SensorType { get; set; }

    /// <summary>The sensor's identifier (<c>sensor_identifier</c>).</summary>
    public string? SensorIdentifier { get; set; }

    /// <summary>Index of the sensor's latest history entry (<c>current_history_index</c>).</summary>
    public long? CurrentHistoryIndex { get; set; }

    /// <summary>The firmware the sensor runs (<c>firmware_version</c>).</summary>
    public string? FirmwareVersion { get; set; }

    /// <summary>Whether newer firmware exists (<c>firmware_update</c>).</summary>
    public FirmwareUpdate? FirmwareUpdate { get; set; }
}
