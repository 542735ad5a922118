namespace FlowerPower.Cloud.Bridge.Sync;

/// <summary>The garden as the bridge last saw it on the server, kept on disk so a sync goes on while the server is away.</summary>
/// <param name="FetchedUtc">When it was read.</param>
/// <param name="Sensors">The garden's sensors.</param>
internal sealed record GardenSnapshot(DateTimeOffset FetchedUtc, IReadOnlyList<GardenSensor> Sensors)
{
    /// <summary>The garden's sensor this one is, if any.</summary>
    /// <param name="serial">The Device Information serial.</param>
    /// <param name="name">The advertised name.</param>
    /// <returns>The garden's sensor, or null when it belongs to no location of this garden.</returns>
    public GardenSensor? Find(string? serial, string? name) =>
        Sensors.FirstOrDefault(s => s.Is(serial, null)) ?? Sensors.FirstOrDefault(s => s.Is(null, name));

    /// <summary>Reads the garden's sensors from its configuration and status.</summary>
    /// <param name="configuration">The garden's configuration.</param>
    /// <param name="status">The garden's status.</param>
    /// <param name="now">When they were read.</param>
    /// <returns>The snapshot.</returns>
    public static GardenSnapshot From(GardenConfigurationResponse configuration, GardenStatusResponse status, DateTimeOffset now)
    {
        var indexes = status.Locations
            .Where(l => l.LocationIdentifier is not null)
            .GroupBy(l => l.LocationIdentifier!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Sensor?.CurrentHistoryIndex ?? 0, StringComparer.Ordinal);
        var sensors = configuration.Locations
            .Where(l => l.LocationIdentifier is not null && (!string.IsNullOrEmpty(l.Sensor?.SensorSerial) || !string.IsNullOrEmpty(l.Sensor?.SensorIdentifier)))
            .Select(l => new GardenSensor(
                l.LocationIdentifier!,
                l.PlantNickname,
                NullIfEmpty(l.Sensor!.SensorSerial),
                NullIfEmpty(l.Sensor.SensorIdentifier),
                indexes.GetValueOrDefault(l.LocationIdentifier!)))
            .ToList();
        return new GardenSnapshot(now, sensors);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
