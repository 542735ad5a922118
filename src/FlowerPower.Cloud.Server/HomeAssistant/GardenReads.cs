using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Server.HomeAssistant;

/// <summary>
/// What the publisher reads: a listed owner's id and garden versions from the database, and the garden itself
/// through the SDK over the server's own loopback listener, as the web garden reads it, so Home Assistant sees the
/// same readings and alerts as the owner's pages. One SDK client per owner.
/// </summary>
internal sealed class GardenReads(CloudDatabase database, SqlCloudStore store, string clientSecret, TimeProvider time) : IDisposable
{
    private readonly SocketsHttpHandler _handler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(5) };
    private readonly Dictionary<long, FlowerPowerClient> _clients = [];

    private readonly TaskCompletionSource<Uri> _selfAddress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the server listens (<see cref="Listening"/>): nothing can be read before.</summary>
    public Task Ready => _selfAddress.Task;

    /// <summary>The server listens: its own API is at <paramref name="selfAddress"/>, on loopback.</summary>
    public void Listening(Uri selfAddress) => _selfAddress.TrySetResult(selfAddress);

    /// <summary>The owner's user id, or null when there is no such user.</summary>
    public async Task<long?> UserAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await UserRecords.ByEmailAsync(connection, null, email, cancellationToken);
    }

    /// <summary>A number that changes whenever the owner's garden does (its configuration or its status).</summary>
    public async Task<(long Config, long Status)> VersionAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var versions = await UserRecords.VersionsAsync(connection, null, userId, cancellationToken);
        return (versions.UserConfigVersion, versions.GardenStatusVersion);
    }

    /// <exception cref="FlowerPowerException">The server's API did not answer.</exception>
    public Task<Garden> GardenAsync(long userId, string email, CancellationToken cancellationToken)
    {
        if (!_clients.TryGetValue(userId, out var client))
        {
            client = new FlowerPowerClient(
                new FlowerPowerClientOptions
                {
                    BaseAddress = _selfAddress.Task.IsCompletedSuccessfully ? _selfAddress.Task.Result : throw new InvalidOperationException("The publisher reads before the server listens."),
                    ClientId = WebClientCredentials.ClientId,
                    ClientSecret = clientSecret,
                    Username = email,
                    Timeout = TimeSpan.FromSeconds(30),
                },
                tokenStore: new IssuedTokenStore(store, userId, time),
                primaryHandler: _handler);
            _clients[userId] = client;
        }

        return client.GetGardenAsync(cancellationToken);
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _handler.Dispose();
    }
}
