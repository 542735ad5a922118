namespace FlowerPower.Cloud.Wire;

/// <summary>The answer to one samples request: the samples in time order, the waterings, and where the data stops being final.</summary>
internal sealed record SampleWindow(
    IReadOnlyList<CloudSample> Samples,
    IReadOnlyList<DateTimeOffset> Waterings,
    DateTimeOffset? FirstNotDefinitive);
