using FlowerPower.Cloud.Wire.Uploads;

namespace FlowerPower.Cloud.Server.Storage;

/// <summary>
/// One sample as stored: the values in the wire's units (null where unknown), and for a sample measured by a sensor
/// (an upload, a ROMI file) its soil temperature and raw readings.
/// </summary>
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
    int? RawBattery = null,
    double? SoilTemperature = null)
{
    /// <summary>The row of a decoded measurement.</summary>
    public static SampleRow From(UploadedSample uploaded)
    {
        var (sample, raw) = (uploaded.Sample, uploaded.Raw);
        return new SampleRow(
            sample.CaptureTime.ToUnixTimeMilliseconds(), sample.Light, sample.Fertilizer, sample.AirTemperature, sample.SoilMoisture,
            sample.CalibratedSoilMoisture, sample.Battery, raw.Light, raw.SoilEc, raw.SoilTemperature, raw.SoilVwc, raw.AirTemperature, raw.Battery,
            uploaded.SoilTemperature);
    }
}
