namespace FlowerPower.Cloud.Sensor;

/// <summary>
/// A Flower Power's Bluetooth LE profile (wire-facts, "The sensor over Bluetooth LE"): the services and characteristics
/// a bridge finds by UUID, never by handle (handles differ between firmwares), and the name the sensor advertises.
/// </summary>
internal static class SensorProfile
{
    /// <summary>The live service the sensor advertises; a device that offers it is a Flower Power.</summary>
    public static readonly string LiveService = Parrot("fa00");

    /// <summary>Light, raw u16 little-endian.</summary>
    public static readonly string LiveLight = Parrot("fa01");

    /// <summary>Soil conductivity, raw u16 little-endian.</summary>
    public static readonly string LiveSoilEc = Parrot("fa02");

    /// <summary>Soil temperature, raw u16 little-endian.</summary>
    public static readonly string LiveSoilTemperature = Parrot("fa03");

    /// <summary>Air temperature, raw u16 little-endian.</summary>
    public static readonly string LiveAirTemperature = Parrot("fa04");

    /// <summary>Soil moisture (VWC), raw u16 little-endian.</summary>
    public static readonly string LiveSoilMoisture = Parrot("fa05");

    /// <summary>The LED: write 1 to pulse it, 0 to turn it off.</summary>
    public static readonly string Led = Parrot("fa07");

    /// <summary>Device Information's serial number (a string).</summary>
    public static readonly string SerialNumber = Standard("2a25");

    /// <summary>Device Information's firmware revision (a string).</summary>
    public static readonly string FirmwareRevision = Standard("2a26");

    /// <summary>Device Information's hardware revision (a string).</summary>
    public static readonly string HardwareRevision = Standard("2a27");

    /// <summary>Entries the history holds (u16 little-endian).</summary>
    public static readonly string HistoryEntryCount = Parrot("fc01");

    /// <summary>The last entry's index (u32 little-endian).</summary>
    public static readonly string HistoryLastEntryIndex = Parrot("fc02");

    /// <summary>The index the next transfer starts at (u32 little-endian, read and write).</summary>
    public static readonly string HistoryTransferStartIndex = Parrot("fc03");

    /// <summary>The current session's id (u16 little-endian).</summary>
    public static readonly string HistorySessionId = Parrot("fc04");

    /// <summary>The index the current session started at (u32 little-endian).</summary>
    public static readonly string HistorySessionStartIndex = Parrot("fc05");

    /// <summary>The measure period in seconds (u16 little-endian).</summary>
    public static readonly string HistoryPeriod = Parrot("fc06");

    /// <summary>Seconds since the sensor started (u32 little-endian).</summary>
    public static readonly string Clock = Parrot("fd01");

    /// <summary>The transfer's frames, notified: a u16 little-endian frame index and up to 18 bytes.</summary>
    public static readonly string TransferBuffer = Parrot("fb01");

    /// <summary>The sensor's side of a transfer, notified (<see cref="TransferStatus"/>).</summary>
    public static readonly string TransferStatus = Parrot("fb02");

    /// <summary>The bridge's side of a transfer, written (<see cref="ReceiverStatus"/>).</summary>
    public static readonly string ReceiverStatus = Parrot("fb03");

    /// <summary>The name's start: "Flower power " and four hex digits.</summary>
    public const string NamePrefix = "Flower power ";

    /// <summary>Frames a transfer sends before it waits for the bridge's acknowledgement.</summary>
    public const int FramesPerWindow = 128;

    /// <summary>The most payload bytes a frame carries after its index.</summary>
    public const int FramePayloadLength = 18;

    /// <summary>
    /// The name a sensor advertises: "Flower power" and the last two bytes of its Bluetooth address ("A0:14:3D:08:B4:2F"
    /// is "Flower power B42F"), not of its serial.
    /// </summary>
    /// <param name="address">The Bluetooth address, six bytes in hex separated by colons.</param>
    /// <returns>The name, or null when the address is not one.</returns>
    public static string? AdvertisedName(string address)
    {
        var parts = address.Split(':');
        return parts.Length == 6 && parts.All(p => p.Length == 2 && p.All(Uri.IsHexDigit))
            ? NamePrefix + (parts[4] + parts[5]).ToUpperInvariant()
            : null;
    }

    private static string Parrot(string id) => $"39e1{id}-84a8-11e2-afba-0002a5d5c51b";

    private static string Standard(string id) => $"0000{id}-0000-1000-8000-00805f9b34fb";
}
