namespace FlowerPower.Cloud.Sensor;

/// <summary>
/// The public conversions from a sensor's raw readings to the wire's units (wire-facts, "The sensor's history buffer"):
/// Parrot's own <c>node-flower-power</c> (index.js) for air and soil temperature, light and soil moisture, as ROMI's
/// <c>flower-power-history</c> applies them to history entries, and BuBuaBu's linear fit for the battery. Each value is
/// held to the wire's documented range, so a fit's edge (a light reading of 0) never gives infinity. Soil
/// conductivity has no public conversion (Parrot's code leaves it as a TODO), so it stays raw and
/// <c>fertilizer_level</c> is null.
/// </summary>
internal static class SensorConversions
{
    /// <summary>Air or soil temperature in °C (Parrot): 3.044e-08x³ - 8.038e-05x² + 0.1149x - 30.45, held to -10..55.</summary>
    public static double? TemperatureCelsius(int? raw) => raw is { } x
        ? Held((3.044e-08 * x * x * x) - (8.038e-05 * x * x) + (0.1149 * x) - 30.45, -10, 55, 2)
        : null;

    /// <summary>
    /// Light as the daily light integral in mol/m²/day (Parrot): 0.0864 × 192773.17 × x^-1.0606619, held to 0..104
    /// (the top of the wire's range, also what a reading of 0, the brightest the sensor can tell, gives).
    /// </summary>
    public static double? LightMolPerSquareMeterDay(int? raw) => raw switch
    {
        null => null,
        <= 0 => MaxLight,
        { } x => Held(0.0864 * 192773.17 * Math.Pow(x, -1.0606619), 0, MaxLight, 2),
    };

    /// <summary>
    /// Soil moisture in % (Parrot): m = 11.4293 + 1.0698e-09x⁴ - 1.52538e-06x³ + 8.66976e-04x² - 0.169422x, then
    /// 100 × (4.5e-06m³ - 5.5e-04m² + 0.0292m - 0.053), held to 0..60.
    /// </summary>
    public static double? SoilMoisturePercent(int? raw)
    {
        if (raw is not { } x)
        {
            return null;
        }

        var m = 11.4293 + (1.0698e-09 * x * x * x * x) - (1.52538e-06 * x * x * x) + (8.66976e-04 * x * x) - (0.169422 * x);
        return Held(100 * ((4.5e-06 * m * m * m) - (5.5e-04 * m * m) + (0.0292 * m) - 0.053), 0, 60, 2);
    }

    /// <summary>Battery level in % (BuBuaBu's linear fit; Parrot published none): 0.2865304553x - 177.3583506, held to 0..100.</summary>
    public static double? BatteryPercent(int? raw) => raw is { } x ? Held((0.2865304553 * x) - 177.3583506, 0, 100, 1) : null;

    private const double MaxLight = 104;

    private static double Held(double value, double min, double max, int digits) =>
        double.IsNaN(value) ? min : Math.Round(Math.Clamp(value, min, max), digits);
}
