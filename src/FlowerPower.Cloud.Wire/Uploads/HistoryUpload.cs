namespace FlowerPower.Cloud.Wire.Uploads;

/// <summary>One sensor's history buffer as the bridge uploads it (<c>uploads[]</c>).</summary>
internal sealed record HistoryUpload(
    string SensorSerial, DateTimeOffset UploadUtc, byte[] Buffer, string? AppVersion, string? FirmwareVersion, string? HardwareIdentifier);
