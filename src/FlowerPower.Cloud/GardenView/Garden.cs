namespace FlowerPower.Cloud;

/// <summary>
/// A user's garden as the Flower Power app showed it: every location of the configuration joined with its status by
/// location identifier, locations without a sensor or without a status kept, and what each plant needs.
/// </summary>
public sealed class Garden
{
    /// <summary>The plants, in the configuration's order (then any location only the status lists). Never null.</summary>
    public required IReadOnlyList<GardenPlant> Plants { get; init; }

    /// <summary>Every plant's alerts, in the plants' order. Never null.</summary>
    public IReadOnlyList<PlantAlert> Alerts => Plants.SelectMany(p => p.Alerts).ToList();

    /// <summary>The configuration the garden was built from.</summary>
    public required GardenConfigurationResponse Configuration { get; init; }

    /// <summary>The status the garden was built from.</summary>
    public required GardenStatusResponse Status { get; init; }

    /// <summary>
    /// The user's profile the garden was read with: its units and time zone are the ones the alerts speak
    /// (<see cref="FlowerPowerUnits"/>). Null when it was not read.
    /// </summary>
    public UserProfile? Profile { get; init; }

    /// <summary>The plant of a location, or null.</summary>
    /// <param name="locationIdentifier">The location.</param>
    /// <returns>The plant, or null when the garden has no such location.</returns>
    public GardenPlant? Find(string locationIdentifier) =>
        Plants.FirstOrDefault(p => string.Equals(p.LocationIdentifier, locationIdentifier, StringComparison.Ordinal));
}
