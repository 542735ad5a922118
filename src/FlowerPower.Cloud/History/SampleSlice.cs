using System.Collections;

namespace FlowerPower.Cloud.History;

/// <summary>A run of a window's samples read in place: the window's own list from one index on, without a copy.</summary>
/// <param name="samples">The window's samples.</param>
/// <param name="start">The index of the first sample of the run.</param>
/// <param name="count">How many samples the run holds.</param>
internal sealed class SampleSlice(IReadOnlyList<Sample> samples, int start, int count) : IReadOnlyList<Sample>
{
    public int Count => count;

    public Sample this[int index] =>
        (uint)index < (uint)count ? samples[start + index] : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<Sample> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return samples[start + i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
