namespace FlowerPower.Cloud;

/// <summary>The health of one location (<c>locations[]</c> of the garden status).</summary>
public sealed class LocationStatus : FlowerPowerModel
{
    /// <summary>The location's identifier (<c>location_identifier</c>).</summary>
    public string? LocationIdentifier { get; init; }

    /// <summary>When the server last processed an upload for the location (<c>last_processed_upload_datetime_utc</c>).</summary>
    public DateTimeOffset? LastProcessedUploadDatetimeUtc { get; init; }

    /// <summary>How many samples the location has (<c>total_sample_count</c>).</summary>
    public long? TotalSampleCount { get; init; }

    /// <summary>When samples were last uploaded (<c>last_sample_upload</c>).</summary>
    public DateTimeOffset? LastSampleUpload { get; init; }

    /// <summary>Capture time of the first sample (<c>first_sample_utc</c>).</summary>
    public DateTimeOffset? FirstSampleUtc { get; init; }

    /// <summary>Capture time of the latest sample (<c>last_sample_utc</c>).</summary>
    public DateTimeOffset? LastSampleUtc { get; init; }

    /// <summary>Whether the plant is in its growth period (<c>growth_day</c>).</summary>
    public bool? GrowthDay { get; init; }

    /// <summary>Until when this status holds (<c>global_validity_datetime_utc</c>).</summary>
    public DateTimeOffset? GlobalValidityDatetimeUtc { get; init; }

    /// <summary>When this status was computed (<c>status_creation_datetime_utc</c>).</summary>
    public DateTimeOffset? StatusCreationDatetimeUtc { get; init; }

    /// <summary>Air temperature status, in °C (<c>air_temperature</c>).</summary>
    public MeasurementStatus? AirTemperature { get; init; }

    /// <summary>Light status, as a daily light integral in mol/m²/day (<c>light</c>).</summary>
    public MeasurementStatus? Light { get; init; }

    /// <summary>Fertilizer status, as soil conductivity in mS/cm (<c>fertilizer</c>); a current value of -1 means unavailable.</summary>
    public MeasurementStatus? Fertilizer { get; init; }

    /// <summary>Watering status (<c>watering</c>).</summary>
    public WateringStatus? Watering { get; init; }

    /// <summary>Sharing prompts of the app (<c>user_sharing</c>).</summary>
    public UserSharing? UserSharing { get; init; }

    /// <summary>The sensor's state (<c>sensor</c>).</summary>
    public SensorStatus? Sensor { get; init; }

    /// <summary>Battery level, in percent (<c>battery</c>).</summary>
    public BatteryStatus? Battery { get; init; }

    /// <summary>Whether uploads are still being processed (<c>processing_uploads</c>).</summary>
    public bool? ProcessingUploads { get; init; }
}
