using FlowerPower.Cloud.Server.Web.Pages;

namespace FlowerPower.Cloud.Server.Web;

/// <summary>What a plant's page and its CSV show: the garden it is in, the plant, the span asked for and its samples.</summary>
internal sealed record PlantHistory(Garden Garden, GardenPlant Plant, ChartSpan Span, DateTimeOffset From, DateTimeOffset To, SamplesResponse Samples)
{
    /// <summary>Reads the plant and the span its <c>span</c> query word names, up to now; null when the garden has no such plant.</summary>
    public static async Task<PlantHistory?> ReadAsync(FlowerPowerClient client, string location, string? spanWord, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var garden = await client.GetGardenAsync(cancellationToken);
        if (garden.Find(location) is not { } plant)
        {
            return null;
        }

        var span = ChartSpans.Parse(spanWord);
        var from = ChartSpans.From(span, now, plant.Status?.FirstSampleUtc);
        return new PlantHistory(garden, plant, span, from, now, await client.GetSamplesAsync(location, from, now, cancellationToken));
    }
}
