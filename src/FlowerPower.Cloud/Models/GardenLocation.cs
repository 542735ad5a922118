namespace FlowerPower.Cloud;

/// <summary>One place in the garden: a plant, where it stands and the sensor assigned to it (<c>locations[]</c>).</summary>
public sealed class GardenLocation : FlowerPowerModel
{
    private IReadOnlyList<long> _plantIds = [];
    private IReadOnlyList<LocationPicture> _pictures = [];

    /// <summary>The location's identifier (<c>location_identifier</c>), used to read its samples.</summary>
    public string? LocationIdentifier { get; set; }

    /// <summary>The sensor assigned to the location (<c>sensor</c>); null when it has none.</summary>
    public LocationSensor? Sensor { get; set; }

    /// <summary>The name the user gave the plant (<c>plant_nickname</c>).</summary>
    public string? PlantNickname { get; set; }

    /// <summary>Identifiers of the plants assigned to the location (<c>plant_ids</c>). Never null.</summary>
    public IReadOnlyList<long> PlantIds { get => _plantIds; set => _plantIds = value ?? []; }

    /// <summary>The main plant's identifier (<c>main_plant_id</c>); null when no plant is assigned.</summary>
    public long? MainPlantId { get; set; }

    /// <summary>When the plant was assigned (<c>plant_assigned_datetime_utc</c>).</summary>
    public DateTimeOffset? PlantAssignedDatetimeUtc { get; set; }

    /// <summary>Alerts the user switched off for this location (<c>ignored_alerts</c>).</summary>
    public IgnoredAlerts? IgnoredAlerts { get; set; }

    /// <summary>Whether the plant is in a pot (<c>in_pot</c>); often null.</summary>
    public bool? InPot { get; set; }

    /// <summary>Whether the plant is indoors (<c>is_indoor</c>).</summary>
    public bool? IsIndoor { get; set; }

    /// <summary>Longitude in degrees (<c>longitude</c>); 0 when unknown.</summary>
    public double? Longitude { get; set; }

    /// <summary>Latitude in degrees (<c>latitude</c>); 0 when unknown.</summary>
    public double? Latitude { get; set; }

    /// <summary>Image identifier or URL of the location's avatar (<c>avatar_url</c>); may be empty.</summary>
    public string? AvatarUrl { get; set; }

    /// <summary>The location's pictures (<c>pictures</c>). Never null.</summary>
    public IReadOnlyList<LocationPicture> Pictures { get => _pictures; set => _pictures = ModelLists.Clean(value); }
}
