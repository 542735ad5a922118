namespace FlowerPower.Cloud.Wire;

/// <summary>What a location has recorded, summed up for its status.</summary>
internal sealed record LocationHistory
{
    public required CloudLocation Location { get; init; }

    public long TotalSampleCount { get; init; }

    public DateTimeOffset? FirstSampleUtc { get; init; }

    /// <summary>The latest sample; null when there is none.</summary>
    public CloudSample? Latest { get; init; }

    /// <summary>When the latest samples arrived.</summary>
    public DateTimeOffset? LastUploadUtc { get; init; }

    /// <summary>The mean light of the day up to the latest sample, mol/m²/day.</summary>
    public double? DailyLight { get; init; }

    /// <summary>How many percent of soil moisture the location loses a day, as lately measured.</summary>
    public double? DryingPerDay { get; init; }

    /// <summary>Whether the location still has a sensor sending samples.</summary>
    public bool IsLive => Location.Sensor is not null && Latest is not null;
}
