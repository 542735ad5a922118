namespace FlowerPower.Cloud.Wire.Uploads;

/// <summary>Everything one upload brings for one sensor: its decoded samples, in order, and the history index reached.</summary>
internal sealed record SensorUploadBatch(string SensorSerial, DateTimeOffset UploadUtc, IReadOnlyList<UploadedSample> Samples, long CurrentHistoryIndex);
