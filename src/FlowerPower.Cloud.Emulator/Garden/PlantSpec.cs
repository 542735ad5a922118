namespace FlowerPower.Cloud.Emulator.Garden;

/// <summary>One location of the demo garden: who lives there, its sensor, and how its readings behave.</summary>
internal sealed record PlantSpec
{
    public required int Index { get; init; }

    public required string LocationIdentifier { get; init; }

    public required string PlantNickname { get; init; }

    public long? PlantId { get; init; }

    public bool HasSensor { get; init; } = true;

    public string SensorSerial { get; init; } = string.Empty;

    public string SensorName { get; init; } = string.Empty;

    public int Color { get; init; } = 6;

    public bool IsIndoor { get; init; } = true;

    public double Latitude { get; init; }

    public double Longitude { get; init; }

    public double TemperatureMin { get; init; } = 10;

    public double TemperatureMax { get; init; } = 32;

    public double LightMin { get; init; } = 10;

    public double LightMax { get; init; } = 99;

    public double FertilizerMin { get; init; } = 0.5;

    public double FertilizerMax { get; init; } = 3;

    public double MoistureMin { get; init; } = 15;

    /// <summary>Peak light reading at midday; the daily mean is about a third of it.</summary>
    public double LightPeak { get; init; } = 60;

    public double TemperatureMean { get; init; } = 21;

    public double TemperatureSwing { get; init; } = 2.5;

    public double WateringEveryDays { get; init; } = 6;

    /// <summary>Days since the last watering at the emulator's start.</summary>
    public double DaysSinceWatering { get; init; } = 2;

    public double DryingPerDay { get; init; } = 3;

    public double FertilizeEveryDays { get; init; } = 90;

    public double DaysSinceFertilizing { get; init; } = 20;

    public double BatteryAtStart { get; init; } = 76;

    public double BatteryDrainPerDay { get; init; } = 0.25;

    /// <summary>For a location whose sensor was removed: days before the start when its samples end.</summary>
    public double? SensorRemovedDaysAgo { get; init; }

    public int SampleOffsetSeconds { get; init; }
}
