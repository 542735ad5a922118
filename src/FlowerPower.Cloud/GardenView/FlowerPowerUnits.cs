using System.Globalization;

namespace FlowerPower.Cloud;

/// <summary>
/// The wire's units and the ones people read. Light comes as a daily light integral in mol/m²/day: ×11.574 gives the
/// mean photon flux in µmol/m²/s over the day, ×624.2 the equivalent illuminance in lux (sunlight's ratio), and lux
/// ÷ 10.764 foot-candles. Temperatures come in °C. The <c>Format*</c> methods follow a profile's preferences
/// (<c>use_fahrenheit</c>, <c>use_lux</c>, <c>use_mol</c>, <c>use_ftc</c>), invariant culture.
/// </summary>
public static class FlowerPowerUnits
{
    /// <summary>µmol/m²/s per mol/m²/day: 10⁶ / 86,400.</summary>
    public const double MicromolesPerSecondPerMolPerDay = 11.574;

    /// <summary>Lux per mol/m²/day, at sunlight's spectrum.</summary>
    public const double LuxPerMolPerDay = 624.2;

    /// <summary>Lux per foot-candle.</summary>
    public const double LuxPerFootCandle = 10.764;

    /// <summary>mol/m²/day → lux.</summary>
    /// <param name="molPerSquareMeterPerDay">The wire's light.</param>
    /// <returns>Lux.</returns>
    public static double LightToLux(double molPerSquareMeterPerDay) => molPerSquareMeterPerDay * LuxPerMolPerDay;

    /// <summary>mol/m²/day → µmol/m²/s.</summary>
    /// <param name="molPerSquareMeterPerDay">The wire's light.</param>
    /// <returns>µmol/m²/s.</returns>
    public static double LightToMicromolesPerSquareMeterPerSecond(double molPerSquareMeterPerDay) => molPerSquareMeterPerDay * MicromolesPerSecondPerMolPerDay;

    /// <summary>mol/m²/day → foot-candles.</summary>
    /// <param name="molPerSquareMeterPerDay">The wire's light.</param>
    /// <returns>Foot-candles.</returns>
    public static double LightToFootCandles(double molPerSquareMeterPerDay) => LightToLux(molPerSquareMeterPerDay) / LuxPerFootCandle;

    /// <summary>lux → mol/m²/day.</summary>
    /// <param name="lux">Illuminance.</param>
    /// <returns>The wire's light.</returns>
    public static double LuxToLight(double lux) => lux / LuxPerMolPerDay;

    /// <summary>°C → °F.</summary>
    /// <param name="celsius">Degrees Celsius.</param>
    /// <returns>Degrees Fahrenheit.</returns>
    public static double CelsiusToFahrenheit(double celsius) => (celsius * 9 / 5) + 32;

    /// <summary>°F → °C.</summary>
    /// <param name="fahrenheit">Degrees Fahrenheit.</param>
    /// <returns>Degrees Celsius.</returns>
    public static double FahrenheitToCelsius(double fahrenheit) => (fahrenheit - 32) * 5 / 9;

    /// <summary>The unit a profile reads light in: "mol/m²/day", "µmol/m²/s"... by its <c>use_mol</c>, <c>use_lux</c>, <c>use_ftc</c>; lux by default.</summary>
    /// <param name="profile">The user's profile; null for the defaults.</param>
    /// <returns>The unit's symbol.</returns>
    public static string LightUnit(UserProfile? profile) =>
        profile?.UseMol == true ? "mol/m²/day" : profile?.UseFtc == true ? "fc" : "lux";

    /// <summary>The unit a profile reads temperatures in: "°F" with <c>use_fahrenheit</c>, else "°C".</summary>
    /// <param name="profile">The user's profile; null for the defaults.</param>
    /// <returns>The unit's symbol.</returns>
    public static string TemperatureUnit(UserProfile? profile) => profile?.UseFahrenheit == true ? "°F" : "°C";

    /// <summary>Light in the profile's unit, for example "12,480 lux" or "20.0 mol/m²/day".</summary>
    /// <param name="molPerSquareMeterPerDay">The wire's light.</param>
    /// <param name="profile">The user's profile; null for the defaults.</param>
    /// <returns>The value with its unit.</returns>
    public static string FormatLight(double molPerSquareMeterPerDay, UserProfile? profile) => LightUnit(profile) switch
    {
        "mol/m²/day" => molPerSquareMeterPerDay.ToString("0.0", CultureInfo.InvariantCulture) + " mol/m²/day",
        "fc" => LightToFootCandles(molPerSquareMeterPerDay).ToString("#,0", CultureInfo.InvariantCulture) + " fc",
        _ => LightToLux(molPerSquareMeterPerDay).ToString("#,0", CultureInfo.InvariantCulture) + " lux",
    };

    /// <summary>A temperature in the profile's unit, for example "21.5 °C" or "70.7 °F".</summary>
    /// <param name="celsius">The wire's temperature.</param>
    /// <param name="profile">The user's profile; null for the defaults.</param>
    /// <returns>The value with its unit.</returns>
    public static string FormatTemperature(double celsius, UserProfile? profile) =>
        profile?.UseFahrenheit == true
            ? CelsiusToFahrenheit(celsius).ToString("0.0", CultureInfo.InvariantCulture) + " °F"
            : celsius.ToString("0.0", CultureInfo.InvariantCulture) + " °C";

    /// <summary>A percentage as the garden shows it (soil moisture, battery), rounded to a whole percent: "16 %".</summary>
    /// <param name="percent">The wire's percentage.</param>
    /// <returns>The value with its unit.</returns>
    public static string FormatPercent(double percent) =>
        Math.Round(percent, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + " %";

    /// <summary>Soil conductivity as the garden shows it: "1.20 mS/cm"; the wire's -1 (unavailable) reads "unavailable".</summary>
    /// <param name="milliSiemensPerCentimeter">The wire's <c>fertilizer_level</c> or fertilizer gauge.</param>
    /// <returns>The value with its unit.</returns>
    public static string FormatFertilizer(double milliSiemensPerCentimeter) =>
        milliSiemensPerCentimeter < 0 ? "unavailable" : milliSiemensPerCentimeter.ToString("0.00", CultureInfo.InvariantCulture) + " mS/cm";

    /// <summary>
    /// The profile's time zone (<c>utc_timezone</c>, an IANA name such as "Europe/Budapest"); UTC when the profile has
    /// none or names one this machine does not know.
    /// </summary>
    /// <param name="profile">The user's profile; null for UTC.</param>
    /// <returns>The time zone.</returns>
    public static TimeZoneInfo TimeZone(UserProfile? profile)
    {
        if (profile?.UtcTimezone is { Length: > 0 } id)
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
            }
        }

        return TimeZoneInfo.Utc;
    }

    /// <summary>A time as a person in the profile's time zone reads it: "2026-12-03 12:58 Europe/Budapest".</summary>
    /// <param name="time">The time.</param>
    /// <param name="profile">The user's profile; null for UTC.</param>
    /// <returns>The local date and time with the zone's name.</returns>
    public static string FormatTime(DateTimeOffset time, UserProfile? profile)
    {
        var zone = TimeZone(profile);
        var local = TimeZoneInfo.ConvertTime(time, zone);
        return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + (zone == TimeZoneInfo.Utc ? "UTC" : zone.Id);
    }
}
