namespace FlowerPower.Cloud.Wire;

/// <summary>
/// Where a Flower Power cloud keeps its accounts, tokens and gardens. The wire (<see cref="CloudEndpoints"/>) is
/// written once over this: the emulator serves its computed demo garden through it, the self-hosted server its
/// database. Every garden read names the user it is for; a location of another user is as unknown as one that
/// does not exist.
/// </summary>
internal interface ICloudStore
{
    /// <summary>The store's clock: token expiry, "now" of the garden.</summary>
    TimeProvider Time { get; }

    /// <summary>Whether the client id and secret belong to a registered client.</summary>
    ValueTask<bool> IsClientAsync(string clientId, string clientSecret, CancellationToken cancellationToken);

    /// <summary>The user with this name and password, or null.</summary>
    ValueTask<long?> FindUserAsync(string username, string password, CancellationToken cancellationToken);

    /// <summary>Issues a new access token and refresh token to the user, for the client that signed in.</summary>
    ValueTask<IssuedTokens> IssueTokensAsync(long userId, string clientId, CancellationToken cancellationToken);

    /// <summary>
    /// Spends a refresh token of <paramref name="clientId"/> and issues the next pair, in one step; null when the
    /// token is unknown, expired, another client's or spent. The server accepts a spent token again for a short grace
    /// period (a client whose answer was lost retries with it) and revokes the token's whole family when it comes
    /// after that.
    /// </summary>
    ValueTask<IssuedTokens?> RefreshTokensAsync(string refreshToken, string clientId, CancellationToken cancellationToken);

    /// <summary>
    /// Ends the session a refresh token of <paramref name="clientId"/> belongs to (its whole family); whether there was
    /// one. A store without sessions to end (the emulator's) ends none.
    /// </summary>
    ValueTask<bool> RevokeAsync(string refreshToken, string clientId, CancellationToken cancellationToken) => ValueTask.FromResult(false);

    /// <summary>The user of a valid, unexpired access token, or null.</summary>
    ValueTask<long?> FindUserByAccessTokenAsync(string accessToken, CancellationToken cancellationToken);

    /// <summary>The user's version numbers; for no user (an unauthenticated error), whatever the store shows everyone.</summary>
    ValueTask<CloudVersions> GetVersionsAsync(long? userId, CancellationToken cancellationToken);

    ValueTask<CloudProfile> GetProfileAsync(long userId, CancellationToken cancellationToken);

    /// <summary>The user's locations, in the order the configuration lists them.</summary>
    ValueTask<IReadOnlyList<CloudLocation>> GetLocationsAsync(long userId, CancellationToken cancellationToken);

    /// <summary>What each of the user's locations has recorded, for its status.</summary>
    ValueTask<IReadOnlyList<LocationHistory>> GetHistoriesAsync(long userId, CancellationToken cancellationToken);

    /// <summary>Whether the location exists and is the user's.</summary>
    ValueTask<bool> HasLocationAsync(long userId, string locationIdentifier, CancellationToken cancellationToken);

    /// <summary>
    /// Stores an upload whole or not at all: the request as received, each sensor's samples (a sample already held is
    /// kept as it was), and the history index each sensor reached; the status version grows once. A reader sees all of
    /// it or none of it.
    /// </summary>
    /// <exception cref="Uploads.UploadRefusal">A sensor is not in the user's garden (9070).</exception>
    ValueTask StoreUploadAsync(long userId, Uploads.SampleUploadRequest request, IReadOnlyList<Uploads.SensorUploadBatch> batches, CancellationToken cancellationToken);

    /// <summary>Stores status updates whole or not at all, with the waterings they report; the status version grows once.</summary>
    /// <exception cref="Uploads.UploadRefusal">A location is not the user's (9070).</exception>
    ValueTask StoreStatusUpdatesAsync(long userId, string rawJson, IReadOnlyList<Uploads.StatusUpdate> updates, CancellationToken cancellationToken);

    /// <summary>The samples and waterings of one of the user's locations in [from, to]; null when it is not theirs.</summary>
    ValueTask<SampleWindow?> GetSamplesAsync(
        long userId, string locationIdentifier, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// The request is about to wait on its client (a body coming in, an answer going out): whatever the store holds
    /// for it meanwhile (a database connection) goes back, and the next call takes it again.
    /// </summary>
    ValueTask ReleaseAsync() => ValueTask.CompletedTask;
}
