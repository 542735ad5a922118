namespace FlowerPower.Cloud.Server.Web.Pages;

/// <summary>
/// The seven days a plant card's sparkline draws: up to now, or up to the last reading of a sensor that stopped, so
/// its last week fills the line instead of a corner of it.
/// </summary>
internal sealed record PlantWeek(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<Sample> Samples)
{
    /// <summary>The sparkline's length.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromDays(7);

    /// <summary>Where a plant's sparkline ends: its last reading when that is older than the stale limit, else now.</summary>
    public static DateTimeOffset End(DateTimeOffset? lastReading, DateTimeOffset now) =>
        lastReading is { } last && ReadingAge.IsStale(last, now) ? last : now;
}
