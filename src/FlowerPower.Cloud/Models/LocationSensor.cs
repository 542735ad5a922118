namespace FlowerPower.Cloud;

/// <summary>The sensor assigned to a location, as the configuration describes it (<c>locations[].sensor</c>).</summary>
public sealed class LocationSensor : FlowerPowerModel
{
    /// <summary>The sensor's identifier (<c>sensor_identifier</c>), for example "Flower power B25E".</summary>
    public string? SensorIdentifier { get; set; }

    /// <summary>The serial number printed on the sensor (<c>sensor_serial</c>).</summary>
    public string? SensorSerial { get; set; }

    /// <summary>The name the user gave the sensor (<c>nickname</c>).</summary>
    public string? Nickname { get; set; }

    /// <summary>The kind of sensor (<c>sensor_type</c>): "flower-power", "pot" or "h20".</summary>
    public string? SensorType { get; set; }

    /// <summary>The sensor's colour code (<c>color</c>): 4 brown, 6 green, 7 blue.</summary>
    public int? Color { get; set; }

    /// <summary>The firmware the sensor runs (<c>firmware_version</c>).</summary>
    public string? FirmwareVersion { get; set; }

    /// <summary>The hardware revision (<c>hardware_revision</c>).</summary>
    public string? HardwareRevision { get; set; }

    /// <summary>The sensor's calibration data, hex-encoded (<c>calibration_data</c>).</summary>
    public string? CalibrationData { get; set; }

    /// <summary>The Bluetooth system identifier (<c>system_id</c>); may be null.</summary>
    public string? SystemId { get; set; }

    /// <summary>When the sensor was assigned to the location (<c>assignment_datetime_utc</c>).</summary>
    public DateTimeOffset? AssignmentDatetimeUtc { get; set; }

    /// <summary>Automatic watering settings of a pot (<c>autowatering_cfg</c>).</summary>
    public AutowateringConfig? AutowateringCfg { get; set; }
}
