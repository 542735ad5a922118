namespace FlowerPower.Cloud.Wire.Uploads;

/// <summary>Why an upload was refused, as the reference's error code and message; nothing of it was stored.</summary>
internal sealed class UploadRefusal(int code, string message) : Exception(message)
{
    public int Code { get; } = code;

    /// <summary>9070: an upload names a sensor that is in no location of the user's garden.</summary>
    public static UploadRefusal SensorNotMine(string sensorSerial) =>
        new(9070, $"Garden location not mine: no location of this garden has sensor {sensorSerial}");

    /// <summary>9070: a status update names a location that is not the user's.</summary>
    public static UploadRefusal LocationNotMine(string locationIdentifier) => new(9070, $"Garden location not mine: {locationIdentifier}");
}
