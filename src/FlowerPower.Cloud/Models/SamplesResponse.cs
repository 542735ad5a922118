using System.Text.Json;

namespace FlowerPower.Cloud;

/// <summary>Answer of <c>GET /sensor_data/v6/sample/location/{location_identifier}</c>: a location's history.</summary>
public sealed class SamplesResponse : FlowerPowerResponse
{
    private IReadOnlyList<Sample> _samples = [];
    private IReadOnlyList<JsonElement> _wateringEvents = [];

    /// <summary>The samples, one every 15 minutes (<c>samples</c>), in time order. Never null.</summary>
    public IReadOnlyList<Sample> Samples { get => _samples; set => _samples = ModelLists.Clean(value); }

    /// <summary>
    /// Watering events in the range (<c>watering_events</c>), kept exactly as sent: no capture shows their shape. Never null.
    /// </summary>
    public IReadOnlyList<JsonElement> WateringEvents { get => _wateringEvents; set => _wateringEvents = value ?? []; }

    /// <summary>Samples after this time may still change (<c>first_not_definitive_value_datetime_utc</c>).</summary>
    public DateTimeOffset? FirstNotDefinitiveValueDatetimeUtc { get; set; }
}
