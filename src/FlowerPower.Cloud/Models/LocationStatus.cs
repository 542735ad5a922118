namespace FlowerPower.Cloud;

/// <summary>The health of one location (<c>locations[]</c> of the garden status).</summary>
public sealed class LocationStatus : FlowerPowerModel
{
    /// <summary>The location's identifier (<c>location_identifier</c>).</summary>
    public string? LocationIdentifier { get; set; }

    /// <summary>When the server last processed an upload for the location (<c>last_processed_upload_datetime_utc</c>).</summary>
    public DateTimeOffset? LastProcessedUploadDatetimeUtc { get; set; }

    /// <summary>How many samples the location has (<c>total_sample_count</c>).</summary>
    public long? TotalSampleCount { get; set; }

    /// <summary>When samples were last uploaded (<c>last_sample_upload</c>).</summary>
    public DateTimeOffset? LastSampleUpload { get; set; }

    /// <summary>Capture time of the first sample (<c>first_sample_utc</c>).</summary>
    public DateTimeOffset? FirstSampleUtc { get; set; }

    /// <summary>Capture time of the latest sample (<c>last_sample_utc</c>).</summary>
    public DateTimeOffset? LastSampleUtc { get; set; }

    /// <summary>Whether the plant is in its growth period (<c>growth_day</c>).</summary>
    public bool? GrowthDay { get; set; }

    /// <summary>Until when this status holds (<c>global_validity_datetime_utc</c>).</summary>
    public DateTimeOffset? GlobalValidityDatetimeUtc { get; set; }

    /// <summary>When this status was computed (<c>status_creation_datetime_utc</c>).</summary>
    public DateTimeOffset? StatusCreationDatetimeUtc { get; set; }

    /// <summary>Air temperature status, in °C (<c>air_temperature</c>).</summary>
    public MeasurementStatus? AirTemperature { get; set; }

    /// <summary>Light status, as a daily light integral in mol/m²/day (<c>light</c>).</summary>
    public MeasurementStatus? Light { get; set; }

    /// <summary>Fertilizer status, as soil conductivity in mS/cm (<c>fertilizer</c>); a current value of -1 means unavailable.</summary>
    public MeasurementStatus? Fertilizer { get; set; }

    /// <summary>Watering status (<c>watering</c>).</summary>
    public WateringStatus? Watering { get; set; }

    /// <summary>Sharing prompts of the app (<c>user_sharing</c>).</summary>
    public UserSharing? UserSharing { get; set; }

    /// <summary>The sensor's state (<c>sensor</c>).</summary>
    public SensorStatus? Sensor { get; set; }

    /// <summary>Battery level, in percent (<c>battery</c>).</summary>
    public BatteryStatus? Battery { get; set; }

    /// <summary>Whether uploads are still being processed (<c>processing_uploads</c>).</summary>
    public bool? ProcessingUploads { get; set; }
}
