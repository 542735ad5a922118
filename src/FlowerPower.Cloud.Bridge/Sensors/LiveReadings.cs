using FlowerPower.Cloud.Sensor;

namespace FlowerPower.Cloud.Bridge.Sensors;

/// <summary>The live readings of a sensor, raw as it sends them, converted with the public fits.</summary>
/// <param name="Light">Raw light.</param>
/// <param name="SoilEc">Raw soil conductivity (no public conversion).</param>
/// <param name="SoilTemperature">Raw soil temperature.</param>
/// <param name="AirTemperature">Raw air temperature.</param>
/// <param name="SoilMoisture">Raw soil moisture.</param>
/// <param name="BatteryPercent">The battery level BlueZ reads, if any.</param>
internal sealed record LiveReadings(int Light, int SoilEc, int SoilTemperature, int AirTemperature, int SoilMoisture, int? BatteryPercent)
{
    /// <summary>Light in mol/m²/day.</summary>
    public double? LightMolPerSquareMeterDay => SensorConversions.LightMolPerSquareMeterDay(Light);

    /// <summary>Air temperature in °C.</summary>
    public double? AirTemperatureCelsius => SensorConversions.TemperatureCelsius(AirTemperature);

    /// <summary>Soil temperature in °C.</summary>
    public double? SoilTemperatureCelsius => SensorConversions.TemperatureCelsius(SoilTemperature);

    /// <summary>Soil moisture in %.</summary>
    public double? SoilMoisturePercent => SensorConversions.SoilMoisturePercent(SoilMoisture);
}
