namespace FlowerPower.Cloud;

/// <summary>What an app or a bridge sends to <c>PUT /garden/v1/status</c>: status updates of the garden's locations, waterings among them.</summary>
public sealed class GardenStatusUpdate : FlowerPowerModel
{
    private IReadOnlyList<LocationStatusUpdate> _updateStatus = [];

    /// <summary>The sender's clock (<c>client_datetime_utc</c>).</summary>
    public DateTimeOffset ClientDatetimeUtc { get; set; }

    /// <summary>The configuration version the sender last read (<c>user_config_version</c>), when it knows one.</summary>
    public long? UserConfigVersion { get; set; }

    /// <summary>One update per location (<c>update_status</c>).</summary>
    public IReadOnlyList<LocationStatusUpdate> UpdateStatus { get => _updateStatus; set => _updateStatus = ModelLists.Clean(value); }
}
