namespace FlowerPower.Cloud;

/// <summary>Whether a sensor can be upgraded (<c>sensor.firmware_update</c>).</summary>
public sealed class FirmwareUpdate : FlowerPowerModel
{
    /// <summary>Whether newer firmware exists (<c>firmware_upgrade_available</c>).</summary>
    public bool? FirmwareUpgradeAvailable { get; set; }

    /// <summary>The newer firmware's version (<c>firmware_version</c>).</summary>
    public string? FirmwareVersion { get; set; }

    /// <summary>Where the newer firmware can be downloaded (<c>firmware_update_url</c>).</summary>
    public string? FirmwareUpdateUrl { get; set; }
}
