using System.Runtime.CompilerServices;

namespace FlowerPower.Cloud.GardenView;

/// <summary>
/// Watches a garden the cheap way: polls only <c>/user/v1/versions</c>, and refetches the configuration or the status
/// only when its version number grew. Yields the garden first with every alert raised, then only on a change, with
/// the alerts raised and cleared since. A failure that may pass (transport, 5xx, 429, an unreadable answer) after the
/// pipeline's own retries waits for the next poll; one that will not (credentials) ends the stream; so does cancellation.
/// </summary>
internal sealed class GardenWatcher(FlowerPowerClient client, TimeProvider time, double batteryThreshold)
{
    public async IAsyncEnumerable<GardenChange> WatchAsync(TimeSpan interval, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var versions = await client.GetVersionsAsync(cancellationToken).ConfigureAwait(false);
        var (configuration, status, profileResponse) = await ConcurrentReads.ReadAsync(
            client.GetGardenConfigurationAsync, client.GetGardenStatusAsync, client.GetProfileAsync, cancellationToken).ConfigureAwait(false);
        var garden = GardenBuilder.Build(configuration, status, profileResponse.UserProfile, batteryThreshold);
        yield return new GardenChange { Garden = garden, Versions = versions, RaisedAlerts = garden.Alerts };

        while (true)
        {
            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            var next = await PollAsync(() => client.GetVersionsAsync(cancellationToken)).ConfigureAwait(false);
            if (next is null)
            {
                continue;
            }

            var configurationGrew = Grew(next.UserConfigVersion, versions.UserConfigVersion);
            var statusGrew = Grew(next.GardenStatusVersion, versions.GardenStatusVersion);
            if (!configurationGrew && !statusGrew)
            {
                continue;
            }

            // The profile is the user's configuration too: its units and time zone change with that version.
            var newConfiguration = configurationGrew ? await PollAsync(() => client.GetGardenConfigurationAsync(cancellationToken)).ConfigureAwait(false) : configuration;
            var newProfile = configurationGrew ? await PollAsync(() => client.GetProfileAsync(cancellationToken)).ConfigureAwait(false) : profileResponse;
            var newStatus = statusGrew ? await PollAsync(() => client.GetGardenStatusAsync(cancellationToken)).ConfigureAwait(false) : status;
            if (newConfiguration is null || newStatus is null || newProfile is null)
            {
                continue;
            }

            var previous = garden;
            (configuration, status, profileResponse, versions) = (newConfiguration, newStatus, newProfile, next);
            garden = GardenBuilder.Build(configuration, status, profileResponse.UserProfile, batteryThreshold);
            yield return new GardenChange
            {
                Garden = garden,
                Versions = versions,
                RaisedAlerts = Except(garden.Alerts, previous.Alerts),
                ClearedAlerts = Except(previous.Alerts, garden.Alerts),
            };
        }
    }

    private static bool Grew(long? now, long? before) => now is { } n && (before is not { } b || n > b);

    /// <summary>The alerts of <paramref name="these"/> that <paramref name="those"/> lacks: same place, concern, severity and instruction.</summary>
    private static List<PlantAlert> Except(IReadOnlyList<PlantAlert> these, IReadOnlyList<PlantAlert> those)
    {
        var known = those.Select(Identity).ToHashSet();
        return these.Where(a => !known.Contains(Identity(a))).ToList();
    }

    private static (string, PlantAlertKind, PlantAlertSeverity, string?) Identity(PlantAlert alert) =>
        (alert.LocationIdentifier, alert.Kind, alert.Severity, alert.InstructionKey?.Value);

    /// <summary>The answer, or null when the call failed in a way that may pass by the next poll.</summary>
    private static async Task<T?> PollAsync<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (FlowerPowerException exception) when (exception is FlowerPowerTransportException or FlowerPowerServerException
                                                         or FlowerPowerRateLimitException or FlowerPowerResponseException)
        {
            return null;
        }
    }
}
