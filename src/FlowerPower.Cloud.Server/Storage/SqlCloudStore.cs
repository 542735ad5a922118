using FlowerPower.Cloud.Server.Telemetry;
using FlowerPower.Cloud.Wire;
using FlowerPower.Cloud.Wire.Uploads;

namespace FlowerPower.Cloud.Server.Storage;

/// <summary>
/// The server's store: the cloud's wire over a database, each concern in a home of its own that this hands calls to:
/// tokens (<see cref="SqlTokens"/>), the garden's reads (<see cref="GardenReader"/>) and the bridge's uploads
/// (<see cref="UploadWriter"/>). The calls of one request share one connection (<see cref="RequestConnection"/>),
/// given back whenever the request waits on its client.
/// </summary>
internal sealed class SqlCloudStore(CloudDatabase database, TimeProvider time, TimeSpan tokenLifetime) : ICloudStore
{
    public TimeProvider Time { get; } = time;

    public SqlTokens Tokens { get; } = new(database, time, tokenLifetime);

    public GardenReader Garden { get; } = new(database, time);

    public UploadWriter Uploads { get; } = new(database, time);

    public ValueTask<bool> IsClientAsync(string clientId, string clientSecret, CancellationToken cancellationToken) =>
        Tokens.IsClientAsync(clientId, clientSecret, cancellationToken);

    public async ValueTask<long?> FindUserAsync(string username, string password, CancellationToken cancellationToken)
    {
        var user = await Tokens.FindUserAsync(username, password, cancellationToken);
        if (user is not null)
        {
            ServerMetrics.SignInAccepted();
        }

        return user;
    }

    public ValueTask<IssuedTokens> IssueTokensAsync(long userId, string clientId, CancellationToken cancellationToken) =>
        Tokens.IssueTokensAsync(userId, clientId, cancellationToken);

    public ValueTask<IssuedTokens?> RefreshTokensAsync(string refreshToken, string clientId, CancellationToken cancellationToken) =>
        Tokens.RefreshTokensAsync(refreshToken, clientId, cancellationToken);

    public async ValueTask<bool> RevokeAsync(string refreshToken, string clientId, CancellationToken cancellationToken) =>
        await Tokens.RevokeFamilyAsync(refreshToken, clientId, cancellationToken) > 0;

    public ValueTask<long?> FindUserByAccessTokenAsync(string accessToken, CancellationToken cancellationToken) =>
        Tokens.FindUserByAccessTokenAsync(accessToken, cancellationToken);

    public ValueTask<CloudVersions> GetVersionsAsync(long? userId, CancellationToken cancellationToken) => Garden.GetVersionsAsync(userId, cancellationToken);

    public ValueTask<CloudProfile> GetProfileAsync(long userId, CancellationToken cancellationToken) => Garden.GetProfileAsync(userId, cancellationToken);

    public ValueTask<IReadOnlyList<CloudLocation>> GetLocationsAsync(long userId, CancellationToken cancellationToken) => Garden.GetLocationsAsync(userId, cancellationToken);

    public ValueTask<IReadOnlyList<LocationHistory>> GetHistoriesAsync(long userId, CancellationToken cancellationToken) => Garden.GetHistoriesAsync(userId, cancellationToken);

    public ValueTask<bool> HasLocationAsync(long userId, string locationIdentifier, CancellationToken cancellationToken) =>
        Garden.HasLocationAsync(userId, locationIdentifier, cancellationToken);

    public ValueTask<SampleWindow?> GetSamplesAsync(long userId, string locationIdentifier, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        Garden.GetSamplesAsync(userId, locationIdentifier, from, to, cancellationToken);

    public ValueTask StoreUploadAsync(long userId, SampleUploadRequest request, IReadOnlyList<SensorUploadBatch> batches, CancellationToken cancellationToken) =>
        Uploads.StoreUploadAsync(userId, request, batches, cancellationToken);

    public ValueTask StoreStatusUpdatesAsync(long userId, string rawJson, IReadOnlyList<StatusUpdate> updates, CancellationToken cancellationToken) =>
        Uploads.StoreStatusUpdatesAsync(userId, rawJson, updates, cancellationToken);

    public ValueTask ReleaseAsync() => RequestConnection.ReleaseAsync();
}
