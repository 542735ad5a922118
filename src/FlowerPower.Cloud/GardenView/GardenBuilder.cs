namespace FlowerPower.Cloud.GardenView;

/// <summary>
/// Joins a configuration and a status by location identifier into a <see cref="Cloud.Garden"/>, keeping every location of
/// either, with alerts in the profile's units and time zone.
/// </summary>
internal static class GardenBuilder
{
    public static Cloud.Garden Build(GardenConfigurationResponse configuration, GardenStatusResponse status, UserProfile? profile, double batteryThreshold)
    {
        var statuses = new Dictionary<string, LocationStatus>(StringComparer.Ordinal);
        foreach (var entry in status.Locations)
        {
            if (entry.LocationIdentifier is { } id)
            {
                statuses.TryAdd(id, entry);
            }
        }

        var plants = new List<GardenPlant>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var location in configuration.Locations)
        {
            if (location.LocationIdentifier is { } id && seen.Add(id))
            {
                plants.Add(Plant(id, location, statuses.GetValueOrDefault(id), profile, batteryThreshold));
            }
        }

        foreach (var (id, entry) in statuses)
        {
            if (seen.Add(id))
            {
                plants.Add(Plant(id, new GardenLocation { LocationIdentifier = id }, entry, profile, batteryThreshold));
            }
        }

        return new Cloud.Garden { Plants = plants, Configuration = configuration, Status = status, Profile = profile };
    }

    private static GardenPlant Plant(string id, GardenLocation location, LocationStatus? status, UserProfile? profile, double batteryThreshold) => new()
    {
        LocationIdentifier = id,
        Nickname = location.PlantNickname,
        SensorSerial = location.Sensor?.SensorSerial,
        Configuration = location,
        Status = status,
        Alerts = status is null ? [] : AlertRules.For(id, location.PlantNickname, status, profile, batteryThreshold),
    };
}
