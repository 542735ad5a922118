namespace FlowerPower.Cloud;

/// <summary>The state of a location's sensor (<c>locations[].sensor</c> of the garden status).</summary>
public sealed class SensorStatus : FlowerPowerModel
{
    /// <summary>The kind of sensor (<c>sensor_type</c>).</summary>
    public string? SensorType { get; init; }

    /// <summary>The sensor's identifier (<c>sensor_identifier</c>).</summary>
    public string? SensorIdentifier { get; init; }

    /// <summary>Index of the sensor's latest history entry (<c>current_history_index</c>).</summary>
    public long? CurrentHistoryIndex { get; init; }

    /// <summary>The firmware the sensor runs (<c>firmware_version</c>).</summary>
    public string? FirmwareVersion { get; init; }

    /// <summary>Whether newer firmware exists (<c>firmware_update</c>).</summary>
    public FirmwareUpdate? FirmwareUpdate { get; init; }
}
