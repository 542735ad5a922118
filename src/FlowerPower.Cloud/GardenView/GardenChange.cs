namespace FlowerPower.Cloud;

/// <summary>
/// What <c>WatchAsync</c> yields: the garden now, the version numbers it was read at, and the alerts raised and
/// cleared since the previous item (the first item raises every alert the garden has).
/// </summary>
public sealed class GardenChange
{
    /// <summary>The garden as it is now.</summary>
    public required Garden Garden { get; init; }

    /// <summary>The version numbers the garden was read at.</summary>
    public required VersionsResponse Versions { get; init; }

    /// <summary>Alerts that are new since the previous item. Never null.</summary>
    public IReadOnlyList<PlantAlert> RaisedAlerts { get; init; } = [];

    /// <summary>Alerts of the previous item that are gone. Never null.</summary>
    public IReadOnlyList<PlantAlert> ClearedAlerts { get; init; } = [];
}
