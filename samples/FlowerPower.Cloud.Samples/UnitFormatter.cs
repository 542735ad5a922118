using System.Globalization;
using FlowerPower.Cloud;

namespace FlowerPower.Cloud.Samples;

/// <summary>Shows readings in the units the user chose in the app.</summary>
internal sealed class UnitFormatter(UserProfile? profile)
{
    // The official app showed about 4659 lux per mol/m²/day of daily light integral; 1 foot-candle is 10.764 lux.
    private const double LuxPerDli = 4659;
    private const double LuxPerFootCandle = 10.764;

    public string LightUnit => profile switch
    {
        { UseMol: true } => "mol/m²/d",
        { UseFtc: true } => "fc",
        { UseLux: true } => "lux",
        _ => "mol/m²/d",
    };

    public string TemperatureUnit => profile?.UseFahrenheit == true ? "°F" : "°C";

    public string Light(double? dli) => dli switch
    {
        null => "—",
        _ when LightUnit == "lux" => $"{(dli.Value * LuxPerDli).ToString("N0", CultureInfo.InvariantCulture)} lux",
        _ when LightUnit == "fc" => $"{(dli.Value * LuxPerDli / LuxPerFootCandle).ToString("N0", CultureInfo.InvariantCulture)} fc",
        _ => $"{dli.Value.ToString("0.0", CultureInfo.InvariantCulture)} mol/m²/d",
    };

    public string Temperature(double? celsius) => celsius is null
        ? "—"
        : TemperatureUnit == "°F"
            ? $"{((celsius.Value * 9 / 5) + 32).ToString("0.0", CultureInfo.InvariantCulture)} °F"
            : $"{celsius.Value.ToString("0.0", CultureInfo.InvariantCulture)} °C";

    public static string Percent(double? value) => value is null ? "—" : $"{value.Value.ToString("0", CultureInfo.InvariantCulture)} %";

    public static string Fertilizer(double? value) => value switch
    {
        null => "—",
        < 0 => "n/a",
        _ => $"{value.Value.ToString("0.00", CultureInfo.InvariantCulture)} mS/cm",
    };
}
