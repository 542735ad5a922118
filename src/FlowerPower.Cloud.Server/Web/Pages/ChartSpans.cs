namespace FlowerPower.Cloud.Server.Web.Pages;

/// <summary>The spans a plant page offers, read from the <c>span</c> query word, and the time each covers.</summary>
internal static class ChartSpans
{
    /// <summary>The longest history "all" shows: ten years, the sensors' whole life.</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromDays(3650);

    public static IReadOnlyList<ChartSpan> All { get; } = Enum.GetValues<ChartSpan>();

    /// <summary>The span a query word names (week when none or an unknown one).</summary>
    public static ChartSpan Parse(string? word) =>
        Enum.TryParse<ChartSpan>(word, ignoreCase: true, out var span) && Enum.IsDefined(span) && !int.TryParse(word, out _) ? span : ChartSpan.Week;

    public static string Word(ChartSpan span) => span.ToString().ToLowerInvariant();

    /// <summary>The span as a sentence says it: "day", "7 days", "30 days", "year", "history".</summary>
    public static string Noun(ChartSpan span) => span switch
    {
        ChartSpan.Day => "day",
        ChartSpan.Week => "7 days",
        ChartSpan.Month => "30 days",
        ChartSpan.Year => "year",
        _ => "history",
    };

    /// <summary>The shortest span ending at <paramref name="to"/> that holds <paramref name="at"/>.</summary>
    public static ChartSpan? Covering(DateTimeOffset at, DateTimeOffset to, DateTimeOffset? firstSample) =>
        All.Cast<ChartSpan?>().FirstOrDefault(span => From(span!.Value, to, firstSample) <= at);

    /// <summary>Where the span starts when it ends at <paramref name="to"/>; "all" starts at the first sample.</summary>
    public static DateTimeOffset From(ChartSpan span, DateTimeOffset to, DateTimeOffset? firstSample) => span switch
    {
        ChartSpan.Day => to.AddDays(-1),
        ChartSpan.Week => to.AddDays(-7),
        ChartSpan.Month => to.AddDays(-30),
        ChartSpan.Year => to.AddDays(-365),
        _ => firstSample is { } first && first < to && to - first < Longest ? first : to - (firstSample is null ? TimeSpan.FromDays(365) : Longest),
    };
}
