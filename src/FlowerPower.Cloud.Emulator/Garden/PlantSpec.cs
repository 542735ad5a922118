using FlowerPower.Cloud.Wire;

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

    /// <summary>The ranges the plant thrives in, which its status is judged against.</summary>
    public PlantThresholds Thresholds { get; init; } = PlantThresholds.Default;

    /// <summary>
    /// The share of the daylight outside that reaches the plant: 1 outdoors, about 0.5 on a window sill, less the
    /// farther from the window. Indoor plants get 1 to 15 mol/m²/day from it, by season.
    /// </summary>
    public double WindowFactor { get; init; } = 0.5;

    /// <summary>Indoors: the room's mean temperature, °C; outdoors the weather decides.</summary>
    public double TemperatureMean { get; init; } = 21.5;

    public double WateringEveryDays { get; init; } = 6;

    /// <summary>Days since the last watering at the emulator's start.</summary>
    public double DaysSinceWatering { get; init; } = 2;

    /// <summary>
    /// How fast the soil dries, in days: after a watering its moisture falls toward <see cref="DrySoil"/> along
    /// e^(-t/days), fast while wet and slower as it dries, as soil does.
    /// </summary>
    public double DryingDays { get; init; } = 8;

    /// <summary>The moisture the soil dries out to, percent.</summary>
    public double DrySoil { get; init; } = 4;

    /// <summary>The moisture right after a watering, percent.</summary>
    public double WetSoil { get; init; } = 45;

    public double FertilizeEveryDays { get; init; } = 90;

    public double DaysSinceFertilizing { get; init; } = 20;

    public double BatteryAtStart { get; init; } = 76;

    public double BatteryDrainPerDay { get; init; } = 0.25;

    /// <summary>For a location whose sensor was removed: days before the start when its samples end.</summary>
    public double? SensorRemovedDaysAgo { get; init; }

    public int SampleOffsetSeconds { get; init; }
}
