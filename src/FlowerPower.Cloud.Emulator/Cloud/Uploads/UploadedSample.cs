namespace FlowerPower.Cloud.Emulator.Cloud.Uploads;

/// <summary>A measurement from an upload: what could be converted, and the raw readings kept for a later calibration.</summary>
internal sealed record UploadedSample(CloudSample Sample, HistoryEntry Raw);
