using System.Globalization;

namespace FlowerPower.Cloud.Server.Web.Pages;

/// <summary>How old a plant's last reading is, in the words the garden shows, and whether advice drawn from it is stale.</summary>
internal static class ReadingAge
{
    /// <summary>
    /// How old a last reading may be before the garden calls it stale: a bridge syncs every few hours at most, as the
    /// app did whenever the phone came near, so a day without a reading means the sensor or its bridge stopped.
    /// </summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(24);

    /// <summary>Whether a plant whose last reading was at <paramref name="last"/> has readings too old to act on.</summary>
    public static bool IsStale(DateTimeOffset? last, DateTimeOffset now) => last is { } at && now - at > StaleAfter;

    /// <summary>How old the readings are (<see cref="Describe"/>) when they are stale; null while they are fresh.</summary>
    public static string? StaleAge(DateTimeOffset? last, DateTimeOffset now) => last is { } at && IsStale(at, now) ? Describe(at, now) : null;

    /// <summary>"just now", "12 minutes ago", "5 hours ago", "3 days ago".</summary>
    public static string Describe(DateTimeOffset last, DateTimeOffset now)
    {
        var age = now - last;
        return age.TotalMinutes switch
        {
            < 1 => "just now",
            < 60 => Ago((int)age.TotalMinutes, "minute"),
            < 48 * 60 => Ago((int)age.TotalHours, "hour"),
            _ => Ago((int)age.TotalDays, "day"),
        };
    }

    private static string Ago(int count, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:#,0} {unit}{(count == 1 ? string.Empty : "s")} ago");
}
