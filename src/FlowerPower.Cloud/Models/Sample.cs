namespace FlowerPower.Cloud;

/// <summary>One reading of a sensor (<c>samples[]</c>).</summary>
public sealed class Sample : FlowerPowerModel
{
    /// <summary>When the sensor took the reading (<c>capture_datetime_utc</c>).</summary>
    public DateTimeOffset? CaptureDatetimeUtc { get; set; }

    /// <summary>Light as a daily light integral, in mol/m²/day (<c>light</c>); about 0.13 to 104.</summary>
    public double? Light { get; set; }

    /// <summary>Fertilizer as soil conductivity, in mS/cm (<c>fertilizer_level</c>); 0 to 10.</summary>
    public double? FertilizerLevel { get; set; }

    /// <summary>Air temperature, in °C (<c>air_temperature_celsius</c>).</summary>
    public double? AirTemperatureCelsius { get; set; }

    /// <summary>Soil moisture, in percent (<c>soil_moisture_percent</c>).</summary>
    public double? SoilMoisturePercent { get; set; }

    /// <summary>Soil moisture after the sensor's calibration, in percent (<c>calibrated_soil_moisture_percent</c>).</summary>
    public double? CalibratedSoilMoisturePercent { get; set; }

    /// <summary>Battery level, in percent (<c>battery_percent</c>).</summary>
    public double? BatteryPercent { get; set; }

    /// <summary>Water tank level of a pot, in percent (<c>water_tank_level_percent</c>).</summary>
    public double? WaterTankLevelPercent { get; set; }
}
