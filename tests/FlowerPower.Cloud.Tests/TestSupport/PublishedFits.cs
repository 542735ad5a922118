namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>
/// The public conversions as wire-facts writes them ("The sensor's history buffer"), written here again from the page
/// and not from the server's code, so a test's expected values are the published formulas' own: Parrot's
/// <c>node-flower-power</c> fits, BuBuaBu's battery fit, and BuBuaBu's independent linear fits for cross-checks.
/// </summary>
internal static class PublishedFits
{
    public static double Temperature(int x) => Math.Clamp((3.044e-08 * Math.Pow(x, 3)) - (8.038e-05 * Math.Pow(x, 2)) + (0.1149 * x) - 30.45, -10, 55);

    public static double Light(int x) => Math.Min(0.0864 * 192773.17 * Math.Pow(x, -1.0606619), 104);

    public static double SoilMoisture(int x)
    {
        var m = 11.4293 + (1.0698e-09 * Math.Pow(x, 4)) - (1.52538e-06 * Math.Pow(x, 3)) + (8.66976e-04 * Math.Pow(x, 2)) - (0.169422 * x);
        return Math.Clamp(100 * ((4.5e-06 * Math.Pow(m, 3)) - (5.5e-04 * Math.Pow(m, 2)) + (0.0292 * m) - 0.053), 0, 60);
    }

    public static double Battery(int x) => Math.Clamp((0.2865304553 * x) - 177.3583506, 0, 100);

    /// <summary>BuBuaBu's linear temperature fit: 0.0473711045x - 11.19891627.</summary>
    public static double LinearTemperature(int x) => (0.0473711045 * x) - 11.19891627;

    /// <summary>BuBuaBu's light fit: 10981.31391 × e^(1/x) - 10981.3812.</summary>
    public static double LinearLight(int x) => (10981.31391 * Math.Exp(1.0 / x)) - 10981.3812;
}
