namespace FlowerPower.Cloud.Wire;

/// <summary>A sensor assigned to a location.</summary>
internal sealed record CloudSensor(
    string Serial,
    string Identifier,
    int Color,
    string CalibrationData,
    DateTimeOffset AssignedAt,
    string FirmwareVersion,
    string HardwareRevision,
    long CurrentHistoryIndex);
