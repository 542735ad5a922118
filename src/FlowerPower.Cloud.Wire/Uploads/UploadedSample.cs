using FlowerPower.Cloud.Sensor;

namespace FlowerPower.Cloud.Wire.Uploads;

/// <summary>
/// A measurement from an upload or an imported history: its values in the wire's units, the soil temperature the
/// wire has no field for, its full history index, and the raw readings it came from, kept for a later calibration.
/// </summary>
internal sealed record UploadedSample(CloudSample Sample, double? SoilTemperature, long Index, RawReadings Raw)
{
    /// <summary>One measurement in the wire's units (<see cref="SensorConversions"/>), with its soil temperature and the raw readings it came from.</summary>
    public static UploadedSample From(DateTimeOffset capturedUtc, long index, RawReadings raw) => new(
        new CloudSample(
            capturedUtc,
            Light: SensorConversions.LightMolPerSquareMeterDay(raw.Light),
            Fertilizer: null,
            AirTemperature: SensorConversions.TemperatureCelsius(raw.AirTemperature),
            SoilMoisture: SensorConversions.SoilMoisturePercent(raw.SoilVwc),
            CalibratedSoilMoisture: null,
            Battery: SensorConversions.BatteryPercent(raw.Battery)),
        SensorConversions.TemperatureCelsius(raw.SoilTemperature),
        index,
        raw);
}
