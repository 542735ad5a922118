namespace FlowerPower.Cloud;

/// <summary>
/// What a sensor bridge sends to <c>PUT /sensor_data/v8/sample</c>: the sessions of the sensors it read and their
/// history buffers, as Parrot's node-flower-bridge sent them. The server is idempotent (a sample it holds is kept as
/// it was), so an upload is safe to send again.
/// </summary>
public sealed class SampleUpload : FlowerPowerModel
{
    private IReadOnlyList<SensorSessionHistory> _sessionHistories = [];
    private IReadOnlyList<SensorHistoryUpload> _uploads = [];

    /// <summary>The bridge's clock (<c>client_datetime_utc</c>): the server refuses one more than a day from its own (9044).</summary>
    public DateTimeOffset ClientDatetimeUtc { get; set; }

    /// <summary>The configuration version the bridge last read (<c>user_config_version</c>), when it knows one.</summary>
    public long? UserConfigVersion { get; set; }

    /// <summary>Each sensor's current session (<c>session_histories</c>): how its buffer's entries are dated and indexed.</summary>
    public IReadOnlyList<SensorSessionHistory> SessionHistories { get => _sessionHistories; set => _sessionHistories = ModelLists.Clean(value); }

    /// <summary>Each sensor's history buffer (<c>uploads</c>).</summary>
    public IReadOnlyList<SensorHistoryUpload> Uploads { get => _uploads; set => _uploads = ModelLists.Clean(value); }
}
