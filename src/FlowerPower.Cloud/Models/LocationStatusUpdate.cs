using System.Text.Json;

namespace FlowerPower.Cloud;

/// <summary>One location's status update (<c>update_status[]</c>); with <see cref="Watering"/>, a watering the owner reports.</summary>
public sealed class LocationStatusUpdate : FlowerPowerModel
{
    /// <summary>The location (<c>location_identifier</c>).</summary>
    public string? LocationIdentifier { get; set; }

    /// <summary>When the update was made (<c>status_creation_datetime_utc</c>).</summary>
    public DateTimeOffset StatusCreationDatetimeUtc { get; set; }

    /// <summary>
    /// The watering this update reports (<c>watering</c>), as JSON: <c>{"soil_moisture":{"done_action_datetime_utc":
    /// ...}}</c> says when (<see cref="Watered"/> makes one); null reports none.
    /// </summary>
    public JsonElement? Watering { get; set; }

    /// <summary>An update that reports the location watered at <paramref name="wateredAt"/>, made <paramref name="now"/>.</summary>
    /// <param name="locationIdentifier">The location.</param>
    /// <param name="wateredAt">When the plant was watered.</param>
    /// <param name="now">When the update is made.</param>
    /// <returns>The update.</returns>
    public static LocationStatusUpdate Watered(string locationIdentifier, DateTimeOffset wateredAt, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(locationIdentifier);
        var at = wateredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        using var watering = JsonDocument.Parse("{\"soil_moisture\":{\"done_action_datetime_utc\":\"" + at + "\"}}");
        return new LocationStatusUpdate { LocationIdentifier = locationIdentifier, StatusCreationDatetimeUtc = now, Watering = watering.RootElement.Clone() };
    }
}
