using Spectre.Console;

namespace FlowerPower.Cloud.Samples;

/// <summary>
/// Downloads the history of every plant with a sensor into one CSV file: live progress bars on a terminal, a line per
/// plant elsewhere (a log, a pipe, a test).
/// </summary>
internal static class HistoryExport
{
    public static async Task<CsvExport> RunAsync(
        IAnsiConsole console, FlowerPowerClient client, Garden garden, UserProfile? profile, string csvPath, int days, CancellationToken cancellationToken)
    {
        var to = DateTimeOffset.UtcNow;
        var from = to.AddDays(-days);
        var plants = garden.Plants.Where(p => p.SensorSerial is not null).ToList();
        var csv = new CsvExport(csvPath);
        try
        {
            console.WriteLine();
            console.MarkupLine($"[bold]History of the last {days} days[/]");
            if (console.Profile.Capabilities.Interactive)
            {
                await console.Progress().AutoClear(false).StartAsync(async context =>
                {
                    foreach (var plant in plants)
                    {
                        var task = context.AddTask(Markup.Escape(plant.Nickname ?? plant.LocationIdentifier), maxValue: (to - from).TotalMinutes);
                        await ReadAsync(client, plant, from, to, csv, at => task.Value = (at - from).TotalMinutes, cancellationToken);
                        task.Value = task.MaxValue;
                    }
                });
            }

            foreach (var plant in plants)
            {
                var summary = console.Profile.Capabilities.Interactive
                    ? null
                    : await ReadAsync(client, plant, from, to, csv, _ => { }, cancellationToken);
                if (summary is not null)
                {
                    console.MarkupLine($"  {Markup.Escape(plant.Nickname ?? plant.LocationIdentifier)}: {Markup.Escape(summary.Describe(profile))}");
                }
            }

            return csv;
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }

    private static async Task<HistorySummary> ReadAsync(
        FlowerPowerClient client, GardenPlant plant, DateTimeOffset from, DateTimeOffset to, CsvExport csv, Action<DateTimeOffset> progress, CancellationToken cancellationToken)
    {
        var summary = new HistorySummary();
        await foreach (var sample in client.StreamSamplesAsync(plant.LocationIdentifier, from, to, cancellationToken))
        {
            csv.Write(plant.LocationIdentifier, plant.Nickname ?? plant.LocationIdentifier, sample);
            summary.Add(sample);
            progress(sample.CaptureDatetimeUtc ?? from);
        }

        return summary;
    }
}
