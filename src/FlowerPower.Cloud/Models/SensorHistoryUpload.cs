namespace FlowerPower.Cloud;

/// <summary>One sensor's history buffer as downloaded over Bluetooth (<c>uploads[]</c>).</summary>
public sealed class SensorHistoryUpload : FlowerPowerModel
{
    /// <summary>The sensor (<c>sensor_serial</c>).</summary>
    public string? SensorSerial { get; set; }

    /// <summary>When the buffer was downloaded (<c>upload_timestamp_utc</c>).</summary>
    public DateTimeOffset UploadTimestampUtc { get; set; }

    /// <summary>The buffer, header and entries, in base64 (<c>buffer_base64</c>).</summary>
    public string? BufferBase64 { get; set; }

    /// <summary>The bridge's name and version (<c>app_version</c>).</summary>
    public string? AppVersion { get; set; }

    /// <summary>The sensor's firmware, from Device Information (<c>sensor_fw_version</c>).</summary>
    public string? SensorFwVersion { get; set; }

    /// <summary>The sensor's hardware revision, from Device Information (<c>sensor_hw_identifier</c>).</summary>
    public string? SensorHwIdentifier { get; set; }
}
