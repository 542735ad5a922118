namespace FlowerPower.Cloud.Wire;

/// <summary>One location of a garden as its configuration describes it.</summary>
internal sealed record CloudLocation
{
    public required string LocationIdentifier { get; init; }

    public required string PlantNickname { get; init; }

    public long? PlantId { get; init; }

    public DateTimeOffset? PlantAssignedAt { get; init; }

    public CloudSensor? Sensor { get; init; }

    public bool IsIndoor { get; init; } = true;

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    /// <summary>The image identifier of the location's avatar, if it has one.</summary>
    public string? AvatarImage { get; init; }

    public PlantThresholds Thresholds { get; init; } = PlantThresholds.Default;
}
