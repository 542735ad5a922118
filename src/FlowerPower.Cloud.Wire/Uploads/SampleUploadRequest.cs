namespace FlowerPower.Cloud.Wire.Uploads;

/// <summary>A <c>PUT /sensor_data/v8/sample</c> as Parrot's bridge sends it, read and checked.</summary>
internal sealed record SampleUploadRequest(
    DateTimeOffset ClientDatetimeUtc,
    IReadOnlyList<SessionHistory> Sessions,
    IReadOnlyList<HistoryUpload> Uploads,
    string RawJson);
