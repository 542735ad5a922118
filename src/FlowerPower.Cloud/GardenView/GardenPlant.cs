namespace FlowerPower.Cloud;

/// <summary>One location of a <see cref="Garden"/>: its configuration and its status joined, with what it needs.</summary>
public sealed class GardenPlant
{
    /// <summary>The location's identifier. Never null.</summary>
    public required string LocationIdentifier { get; init; }

    /// <summary>The plant's name (<c>plant_nickname</c>).</summary>
    public string? Nickname { get; init; }

    /// <summary>The serial of the sensor in the location; null when it has none.</summary>
    public string? SensorSerial { get; init; }

    /// <summary>The location as the configuration describes it.</summary>
    public required GardenLocation Configuration { get; init; }

    /// <summary>The location's status; null when the status lists no such location.</summary>
    public LocationStatus? Status { get; init; }

    /// <summary>What the plant needs now. Never null.</summary>
    public IReadOnlyList<PlantAlert> Alerts { get; init; } = [];

    /// <summary>The plant as one line: name, sensor and alert count.</summary>
    /// <returns>The plant as text.</returns>
    public override string ToString() => $"{Nickname ?? LocationIdentifier} ({SensorSerial ?? "no sensor"}): {Alerts.Count} alert(s)";
}
