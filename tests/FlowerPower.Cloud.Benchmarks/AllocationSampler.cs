using System.Diagnostics.Tracing;

namespace FlowerPower.Cloud.Benchmarks;

/// <summary>
/// Counts the runtime's allocation ticks (one about every 100 KB allocated) by the type allocated when the tick fell,
/// so over many calls each type's share of the ticks is its share of the bytes.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GarbageCollection = (EventKeywords)0x1;

    private readonly Dictionary<string, long> _ticks = new(StringComparer.Ordinal);
    private volatile bool _recording;

    /// <summary>Whether ticks are counted now.</summary>
    public bool Recording
    {
        get => _recording;
        set => _recording = value;
    }

    /// <summary>Each allocated type's share of the ticks counted, largest first.</summary>
    public IReadOnlyList<(string Type, double Share)> Shares()
    {
        lock (_ticks)
        {
            var total = (double)_ticks.Values.Sum();
            return [.. _ticks.OrderByDescending(pair => pair.Value).Select(pair => (pair.Key, pair.Value / total))];
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GarbageCollection);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true)
        {
            return;
        }

        var index = eventData.PayloadNames?.IndexOf("TypeName") ?? -1;
        if (index >= 0 && eventData.Payload?[index] is string type)
        {
            lock (_ticks)
            {
                _ticks[type] = _ticks.GetValueOrDefault(type) + 1;
            }
        }
    }
}
