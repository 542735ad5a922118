namespace FlowerPower.Cloud;

/// <summary>
/// Keeps an account's refresh token between runs, so an app can restart without the password. The client reads it
/// before its first sign-in and saves every refresh token the server issues (they rotate). Implementations must be
/// safe to call from several threads and must treat the token as a secret.
/// </summary>
public interface ITokenStore
{
    /// <summary>The refresh token saved for an account, or null when none is.</summary>
    /// <param name="account">Identifies the account and client: the client id and the user name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The saved refresh token, or null.</returns>
    ValueTask<string?> GetRefreshTokenAsync(string account, CancellationToken cancellationToken = default);

    /// <summary>Saves the newest refresh token of an account, replacing the one before.</summary>
    /// <param name="account">Identifies the account and client: the client id and the user name.</param>
    /// <param name="refreshToken">The token to keep. A secret.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the token is saved.</returns>
    ValueTask SaveRefreshTokenAsync(string account, string refreshToken, CancellationToken cancellationToken = default);
}
