namespace FlowerPower.Cloud.Wire.Uploads;

/// <summary>
/// Everything one upload brings for one sensor: its decoded samples, in order, the history index reached, and the
/// measure period the entries are apart.
/// </summary>
internal sealed record SensorUploadBatch(string SensorSerial, DateTimeOffset UploadUtc, IReadOnlyList<UploadedSample> Samples, long CurrentHistoryIndex, int PeriodSeconds = 0);
