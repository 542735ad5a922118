namespace FlowerPower.Cloud.Emulator.Garden;

/// <summary>What a sensor measured at one instant.</summary>
internal readonly record struct SampleValues(
    DateTimeOffset CaptureTime,
    double Light,
    double Fertilizer,
    double AirTemperature,
    double SoilMoisture,
    double CalibratedSoilMoisture,
    int Battery);
