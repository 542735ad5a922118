namespace FlowerPower.Cloud.Server.Web;

/// <summary>
/// The readings each garden card's sparkline draws (time, light, soil moisture), kept between page loads per owner and
/// plant, so a club's garden of a hundred plants reads its hundred weeks from the API once, not on every load.
/// </summary>
/// <remarks>
/// An entry holds while the plant's last reading and sample count are what the status said when it was read. When
/// only newer readings came (a bridge's upload), just those are read, one short window; anything else (older history
/// imported, two plants merged, a week that has moved past the entry) reads the week again. Bounded by readings held
/// (about 40 bytes each), the least recently drawn plant going first; a restart starts empty.
/// </remarks>
internal sealed class PlantWeekCache(int mostReadings = 500_000)
{
    private readonly Dictionary<(string Owner, string Location), LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _byUse = [];
    private readonly Lock _lock = new();
    private long _readings;

    /// <summary>How many plants' weeks are held.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The plant's readings from <paramref name="from"/> to <paramref name="to"/>, from the cache where it still holds.</summary>
    /// <param name="owner">Whose garden: entries are never shared between owners.</param>
    /// <param name="location">The plant's location identifier.</param>
    /// <param name="lastReading">The status's last reading of the plant.</param>
    /// <param name="sampleCount">The status's count of the plant's samples.</param>
    /// <param name="from">The week's start.</param>
    /// <param name="to">The week's end.</param>
    /// <param name="read">Reads the plant's samples of a span from the API.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public async Task<IReadOnlyList<Sample>> ReadAsync(
        string owner, string location, DateTimeOffset lastReading, long? sampleCount, DateTimeOffset from, DateTimeOffset to,
        Func<DateTimeOffset, DateTimeOffset, CancellationToken, Task<IReadOnlyList<Sample>>> read, CancellationToken cancellationToken)
    {
        var key = (owner, location);
        var held = Find(key);
        IReadOnlyList<Sample> readings;
        if (held is not null && held.Last == lastReading && held.Count == sampleCount && held.From <= from)
        {
            readings = held.Readings;
        }
        else if (held is not null && held.Last < lastReading && held.Last >= from && held.From <= from && sampleCount is not null)
        {
            var newer = (await read(held.Last, to, cancellationToken)).Where(s => s.CaptureDatetimeUtc > held.Last).Select(Compact).ToList();
            readings = held.Count + newer.Count == sampleCount
                ? [.. held.Readings, .. newer]
                : (await read(from, to, cancellationToken)).Select(Compact).ToList();
        }
        else
        {
            readings = (await read(from, to, cancellationToken)).Select(Compact).ToList();
        }

        var week = readings.Where(s => s.CaptureDatetimeUtc >= from).ToList();
        Keep(key, new Entry(key, from, lastReading, sampleCount, week));
        return week.Where(s => s.CaptureDatetimeUtc <= to).ToList();
    }

    private static Sample Compact(Sample sample) => new() { CaptureDatetimeUtc = sample.CaptureDatetimeUtc, Light = sample.Light, SoilMoisturePercent = sample.SoilMoisturePercent };

    private Entry? Find((string, string) key)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out var node) ? node.Value : null;
        }
    }

    private void Keep((string, string) key, Entry entry)
    {
        lock (_lock)
        {
            if (_entries.Remove(key, out var old))
            {
                _byUse.Remove(old);
                _readings -= old.Value.Readings.Count;
            }

            _entries[key] = _byUse.AddFirst(entry);
            _readings += entry.Readings.Count;
            while (_readings > mostReadings && _byUse.Last is { } oldest && oldest != _byUse.First)
            {
                _byUse.RemoveLast();
                _entries.Remove(oldest.Value.Key);
                _readings -= oldest.Value.Readings.Count;
            }
        }
    }

    private sealed record Entry((string Owner, string Location) Key, DateTimeOffset From, DateTimeOffset Last, long? Count, IReadOnlyList<Sample> Readings);
}
