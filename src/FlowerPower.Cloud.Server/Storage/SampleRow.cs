namespace FlowerPower.Cloud.Server.Storage;

/// <summary>One sample as stored: the values in the wire's units (null where unknown) and the raw readings of an upload.</summary>
internal readonly record struct SampleRow(
    long CaptureMs,
    double? Light,
    double? Fertilizer,
    double? AirTemperature,
    double? SoilMoisture,
    double? CalibratedSoilMoisture,
    double? Battery,
    int? RawLight = null,
    int? RawSoilEc = null,
    int? RawSoilTemperature = null,
    int? RawSoilVwc = null,
    int? RawAirTemperature = null,
    int? RawBattery = null);
