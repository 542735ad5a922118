using FlowerPower.Cloud.Emulator.Authentication;
using FlowerPower.Cloud.Wire;
using FlowerPower.Cloud.Wire.Uploads;
using FlowerPower.Cloud.Wire.Writers;

namespace FlowerPower.Cloud.Emulator.Garden;

/// <summary>
/// The emulator's store: one demo account and client, tokens in memory, and the computed demo garden. What the
/// self-hosted server reads from its database, this computes from the seed and the clock.
/// </summary>
internal sealed class DemoStore(DemoGarden garden, TokenIssuer tokens, TimeProvider time) : ICloudStore
{
    public const long DemoUser = 1;

    private const string CalibrationData = "0000f6001900ffffffffa500ef025405d005df002802";

    private readonly object _uploadsGate = new();
    private readonly Dictionary<string, SortedDictionary<DateTimeOffset, CloudSample>> _uploaded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _historyIndex = new(StringComparer.Ordinal);

    public ValueTask StoreUploadAsync(long userId, SampleUploadRequest request, IReadOnlyList<SensorUploadBatch> batches, CancellationToken cancellationToken)
    {
        var plants = new List<(PlantSpec Plant, SensorUploadBatch Batch)>();
        foreach (var batch in batches)
        {
            var plant = garden.Locations.FirstOrDefault(p => p.HasSensor && p.SensorSerial == batch.SensorSerial)
                ?? throw UploadRefusal.SensorNotMine(batch.SensorSerial);
            plants.Add((plant, batch));
        }

        lock (_uploadsGate)
        {
            foreach (var (plant, batch) in plants)
            {
                if (!_uploaded.TryGetValue(plant.LocationIdentifier, out var samples))
                {
                    _uploaded[plant.LocationIdentifier] = samples = [];
                }

                foreach (var uploaded in batch.Samples)
                {
                    samples.TryAdd(uploaded.Sample.CaptureTime, uploaded.Sample);
                }

                _historyIndex[plant.LocationIdentifier] = Math.Max(_historyIndex.GetValueOrDefault(plant.LocationIdentifier), batch.CurrentHistoryIndex);
            }
        }

        garden.RecordStatusChange();
        return ValueTask.CompletedTask;
    }

    public ValueTask StoreStatusUpdatesAsync(long userId, string rawJson, IReadOnlyList<StatusUpdate> updates, CancellationToken cancellationToken)
    {
        if (updates.FirstOrDefault(u => garden.Find(u.LocationIdentifier) is null) is { } foreign)
        {
            throw UploadRefusal.LocationNotMine(foreign.LocationIdentifier);
        }

        foreach (var update in updates.Where(u => u.WateredUtc is not null))
        {
            garden.RecordWatering(update.LocationIdentifier, update.WateredUtc!.Value);
        }

        garden.RecordStatusChange();
        return ValueTask.CompletedTask;
    }

    public TimeProvider Time { get; } = time;

    public ValueTask<bool> IsClientAsync(string clientId, string clientSecret, CancellationToken cancellationToken) =>
        ValueTask.FromResult(clientId == DemoAccount.ClientId && clientSecret == DemoAccount.ClientSecret);

    public ValueTask<long?> FindUserAsync(string username, string password, CancellationToken cancellationToken) =>
        ValueTask.FromResult<long?>(
            string.Equals(username, DemoAccount.Username, StringComparison.OrdinalIgnoreCase) && password == DemoAccount.Password ? DemoUser : null);

    public ValueTask<IssuedTokens> IssueTokensAsync(long userId, string clientId, CancellationToken cancellationToken)
    {
        var (access, refresh) = tokens.Issue();
        return ValueTask.FromResult(new IssuedTokens(access, refresh, tokens.Lifetime));
    }

    // As the cloud did: a refresh token works once, with no grace (the emulator has one client, and a client must
    // survive a lost refresh answer against the cloud as it was).
    public ValueTask<IssuedTokens?> RefreshTokensAsync(string refreshToken, string clientId, CancellationToken cancellationToken)
    {
        if (!tokens.Redeem(refreshToken))
        {
            return ValueTask.FromResult<IssuedTokens?>(null);
        }

        var (access, refresh) = tokens.Issue();
        return ValueTask.FromResult<IssuedTokens?>(new IssuedTokens(access, refresh, tokens.Lifetime));
    }

    public ValueTask<long?> FindUserByAccessTokenAsync(string accessToken, CancellationToken cancellationToken) =>
        ValueTask.FromResult<long?>(tokens.IsValid(accessToken) ? DemoUser : null);

    public ValueTask<CloudVersions> GetVersionsAsync(long? userId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new CloudVersions(garden.UserConfigVersion, garden.GardenStatusVersion, WireFormat.EmulatorIdentifier));

    public ValueTask<CloudProfile> GetProfileAsync(long userId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new CloudProfile(DemoAccount.Username, "Europe/Budapest"));

    public ValueTask<IReadOnlyList<CloudLocation>> GetLocationsAsync(long userId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<CloudLocation>>(garden.Locations.Select(Location).ToList());

    public ValueTask<IReadOnlyList<LocationHistory>> GetHistoriesAsync(long userId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<LocationHistory>>(garden.Locations.Select(History).ToList());

    public ValueTask<bool> HasLocationAsync(long userId, string locationIdentifier, CancellationToken cancellationToken) =>
        ValueTask.FromResult(garden.Find(locationIdentifier) is not null);

    public ValueTask<SampleWindow?> GetSamplesAsync(
        long userId, string locationIdentifier, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (garden.Find(locationIdentifier) is not { } plant)
        {
            return ValueTask.FromResult<SampleWindow?>(null);
        }

        var samples = garden.Samples(plant, from, to).ToList();
        lock (_uploadsGate)
        {
            if (_uploaded.TryGetValue(plant.LocationIdentifier, out var uploaded))
            {
                // What a sensor uploaded was measured; it wins over what the demo garden computes for the same instant.
                samples = uploaded.Values.Where(s => s.CaptureTime >= from && s.CaptureTime <= to).Concat(samples)
                    .DistinctBy(s => s.CaptureTime).OrderBy(s => s.CaptureTime).ToList();
            }
        }

        return ValueTask.FromResult<SampleWindow?>(new SampleWindow(
            samples, garden.Waterings(plant, from, to).ToList(), garden.LastSample(plant)?.AddDays(-7)));
    }

    private CloudLocation Location(PlantSpec plant) => new()
    {
        LocationIdentifier = plant.LocationIdentifier,
        PlantNickname = garden.NicknameOf(plant),
        PlantId = plant.PlantId,
        PlantAssignedAt = garden.HistoryStart,
        Sensor = plant.HasSensor
            ? new CloudSensor(
                plant.SensorSerial, plant.SensorName, plant.Color, CalibrationData, garden.HistoryStart,
                WireFormat.FirmwareVersion, WireFormat.HardwareRevision, HistoryIndex(plant))
            : null,
        IsIndoor = plant.IsIndoor,
        Latitude = plant.Latitude,
        Longitude = plant.Longitude,
        AvatarImage = plant.Index == 0 ? $"{plant.LocationIdentifier.ToLowerInvariant()}avatar" : null,
        Thresholds = plant.Thresholds,
    };

    private long HistoryIndex(PlantSpec plant)
    {
        lock (_uploadsGate)
        {
            return Math.Max(garden.SampleCount(plant) + 1, _historyIndex.GetValueOrDefault(plant.LocationIdentifier));
        }
    }

    private LocationHistory History(PlantSpec plant)
    {
        var last = garden.LastSample(plant);
        return new LocationHistory
        {
            Location = Location(plant),
            TotalSampleCount = garden.SampleCount(plant),
            FirstSampleUtc = last is null ? null : garden.FirstSample(plant),
            Latest = last is { } at ? garden.At(plant, at) : null,
            LastUploadUtc = last?.AddMinutes(9).AddSeconds(7),
            DailyLight = last is { } end ? garden.Samples(plant, end.AddDays(-1).AddSeconds(1), end).Average(s => s.Light) : null,
            DryingPerDay = last is { } now ? garden.DryingRate(plant, now) : null,
        };
    }
}
