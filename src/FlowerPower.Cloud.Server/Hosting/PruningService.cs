using FlowerPower.Cloud.Server.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Server.Hosting;

/// <summary>
/// The server's housekeeping, at start and then hourly while it runs: upload bodies past their retention
/// (<c>--keep-uploads</c>), sign-in and upload counters untouched for a day, and web sessions that have expired. A
/// failure is logged and tried again an hour later; stopping the server stops it.
/// </summary>
internal sealed class PruningService(
    UploadRetention retention, TimeSpan? keepUploads, RateBuckets buckets, WebSessionStore sessions, TimeProvider time, ILogger log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                try
                {
                    if (keepUploads is { } keep && await retention.PruneAsync(keep, stoppingToken) is var removed and > 0)
                    {
                        log.LogInformation(ServerEvents.UploadsPruned, "Pruned {Count} upload bodies older than {Days} days", removed, keep.TotalDays);
                    }

                    await buckets.PruneAsync(stoppingToken);
                    await sessions.PruneAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is System.Data.Common.DbException or TimeoutException)
                {
                    log.LogWarning(ServerEvents.PruningFailed, exception, "Pruning failed; trying again in an hour");
                }

                await Task.Delay(TimeSpan.FromHours(1), time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
