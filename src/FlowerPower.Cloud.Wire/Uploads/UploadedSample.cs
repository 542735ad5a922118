namespace FlowerPower.Cloud.Wire.Uploads;

/// <summary>
/// A measurement from an upload or an imported history: its values in the wire's units, the soil temperature the
/// wire has no field for, its full history index, and the raw readings it came from, kept for a later calibration.
/// </summary>
internal sealed record UploadedSample(CloudSample Sample, double? SoilTemperature, long Index, RawReadings Raw);
