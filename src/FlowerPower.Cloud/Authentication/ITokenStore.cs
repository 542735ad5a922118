namespace FlowerPower.Cloud;

/// <summary>
/// Keeps an account's tokens between runs and between instances: the refresh token (so an app can restart without
/// the password) and the access token with its expiry (so instances sharing the store sign in once between them).
/// The client reads the store before it asks for a token, and saves every token set the server issues (refresh
/// tokens rotate). Implementations must be safe to call from several threads and treat the tokens as secrets.
/// </summary>
public interface ITokenStore
{
    /// <summary>The token set saved for an account, or null when none is.</summary>
    /// <param name="key">The account: server, client id and user name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The saved tokens, or null.</returns>
    ValueTask<TokenSet?> GetAsync(TokenStoreKey key, CancellationToken cancellationToken = default);

    /// <summary>Saves the newest token set of an account, replacing the one before.</summary>
    /// <param name="key">The account: server, client id and user name.</param>
    /// <param name="tokens">The tokens to keep. Secrets.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the tokens are saved.</returns>
    ValueTask SaveAsync(TokenStoreKey key, TokenSet tokens, CancellationToken cancellationToken = default);
}
