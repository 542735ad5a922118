namespace FlowerPower.Cloud.Emulator.Cloud.Uploads;

/// <summary>
/// The published fits from a sensor's raw readings to the wire's units. Only air temperature and battery have one;
/// light, soil conductivity, soil temperature and soil moisture were converted by the cloud with each sensor's own
/// calibration (its <c>calibration_data</c>), which is not public, so their raw values are kept as they came.
/// </summary>
internal static class SensorCalibration
{
    /// <summary>Air temperature in °C: -29.51 + 0.1149x - 8.038e-05x² + 3.044e-08x³.</summary>
    public static double AirTemperatureCelsius(int raw) =>
        Math.Round(-29.51 + (0.1149 * raw) - (8.038e-05 * raw * raw) + (3.044e-08 * raw * raw * raw), 2);

    /// <summary>Battery level in percent: -210.84 + 0.32269x, held to 0-100.</summary>
    public static double BatteryPercent(int raw) => Math.Round(Math.Clamp(-210.84 + (0.32269 * raw), 0, 100), 1);
}
