using System.Globalization;

namespace FlowerPower.Cloud.Wire.Writers;

/// <summary>Facts of the cloud's wire format that several endpoints share.</summary>
internal static class WireFormat
{
    /// <summary>The wire's version, which every <c>server_identifier</c> names after the build that answers.</summary>
    public const string Wire = "wire of 2.1.18 April 6th 2017";

    /// <summary>What answers when the build is not known yet (a body that could not be read, a failure).</summary>
    public const string ServerIdentifier = "FlowerPower.Cloud (" + Wire + ")";

    /// <summary>The emulator's <c>server_identifier</c>.</summary>
    public const string EmulatorIdentifier = "FlowerPower.Cloud.Emulator (" + Wire + ")";

    /// <summary>The self-hosted server's <c>server_identifier</c>.</summary>
    public const string ServerBuildIdentifier = "FlowerPower.Cloud.Server (" + Wire + ")";
    public const string FirmwareVersion = "2016-09-14_hawaii-2.0.3_hardware-config-MP";
    public const string HardwareRevision = "2013-07-26_hawaiiProduction-1.2_protoDV-bootloader";

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>
    /// Reads the datetime forms public clients sent: ISO 8601 with Z or an offset, and Python's <c>str()</c> of a
    /// datetime, naive (read as UTC) or timezone-aware (<c>2026-11-20 10:00:00+00:00</c>), with or without microseconds.
    /// </summary>
    public static bool TryParseDateTime(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(
            text?.Trim(),
            Formats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);
}
