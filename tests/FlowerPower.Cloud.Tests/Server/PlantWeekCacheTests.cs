using FlowerPower.Cloud.Server.Web;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// The garden cards' weeks are read once and kept while the plant's readings stand still: a new upload costs one
/// short read of what came after, older history or a merge reads the week again, owners never share an entry, and
/// the cache stays within its bound.
/// </summary>
public sealed class PlantWeekCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_plant_whose_readings_stand_still_is_read_once_and_a_new_upload_reads_only_what_came_after()
    {
        var history = Readings(Now.AddDays(-8), 96 * 8);
        var reads = new List<(DateTimeOffset From, DateTimeOffset To)>();
        var cache = new PlantWeekCache();
        Task<IReadOnlyList<Sample>> Read(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
        {
            reads.Add((from, to));
            return Task.FromResult<IReadOnlyList<Sample>>(history.Where(s => s.CaptureDatetimeUtc >= from && s.CaptureDatetimeUtc <= to).ToList());
        }

        var last = history[^1].CaptureDatetimeUtc!.Value;
        var first = await cache.ReadAsync("owner", "L1", last, history.Count, Now.AddDays(-7), Now, Read, Ct);
        var again = await cache.ReadAsync("owner", "L1", last, history.Count, Now.AddDays(-7).AddMinutes(5), Now.AddMinutes(5), Read, Ct);
        history.AddRange(Readings(last.AddMinutes(15), 4));
        var afterUpload = await cache.ReadAsync("owner", "L1", history[^1].CaptureDatetimeUtc!.Value, history.Count, Now.AddDays(-7).AddHours(1), Now.AddHours(1), Read, Ct);
        history.Insert(0, new Sample { CaptureDatetimeUtc = Now.AddDays(-30), Light = 1 });
        var afterImport = await cache.ReadAsync("owner", "L1", history[^1].CaptureDatetimeUtc!.Value, history.Count, Now.AddDays(-7).AddHours(1), Now.AddHours(1), Read, Ct);
        var otherOwner = await cache.ReadAsync("someone else", "L1", history[^1].CaptureDatetimeUtc!.Value, history.Count, Now.AddDays(-7).AddHours(1), Now.AddHours(1), Read, Ct);

        Assert.Equal(4, reads.Count);
        Assert.Equal((last, Now.AddHours(1)), reads[1]);
        Assert.Equal(first.Count - 1, again.Count);
        Assert.Equal(history.Where(s => s.CaptureDatetimeUtc >= Now.AddDays(-7).AddHours(1)).Select(s => s.CaptureDatetimeUtc), afterUpload.Select(s => s.CaptureDatetimeUtc));
        Assert.Equal(afterUpload.Select(s => s.CaptureDatetimeUtc), afterImport.Select(s => s.CaptureDatetimeUtc));
        Assert.Equal(afterImport.Select(s => s.SoilMoisturePercent), otherOwner.Select(s => s.SoilMoisturePercent));
    }

    [Fact]
    public async Task The_cache_holds_no_more_readings_than_its_bound_and_lets_the_least_recently_drawn_plant_go()
    {
        var cache = new PlantWeekCache(mostReadings: 1000);
        var week = Readings(Now.AddDays(-7), 672);
        Task<IReadOnlyList<Sample>> Read(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) => Task.FromResult<IReadOnlyList<Sample>>(week);

        foreach (var plant in new[] { "L1", "L2", "L3" })
        {
            await cache.ReadAsync("owner", plant, week[^1].CaptureDatetimeUtc!.Value, week.Count, Now.AddDays(-7), Now, Read, Ct);
        }

        Assert.Equal(1, cache.Count);
    }

    private static List<Sample> Readings(DateTimeOffset start, int count) =>
        Enumerable.Range(0, count).Select(i => new Sample { CaptureDatetimeUtc = start.AddMinutes(15 * i), Light = i % 96 / 10.0, SoilMoisturePercent = 20 + (i % 50), FertilizerLevel = 1.2 }).ToList();
}
