namespace FlowerPower.Cloud.Wire;

/// <summary>What a sensor measured at one instant, in the wire's units. A value the sensor did not give is null.</summary>
internal readonly record struct CloudSample(
    DateTimeOffset CaptureTime,
    double? Light,
    double? Fertilizer,
    double? AirTemperature,
    double? SoilMoisture,
    double? CalibratedSoilMoisture,
    double? Battery);
