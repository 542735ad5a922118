using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Server.HomeAssistant;

/// <summary>
/// The token store of the publisher's SDK client for one owner: the server issues the owner's tokens itself (the
/// publisher knows no password) as the web garden's client, and issues new ones, revoking the old, shortly before the
/// access token runs out; a rotation the SDK makes meanwhile is kept.
/// </summary>
internal sealed class IssuedTokenStore(SqlCloudStore store, long userId, TimeProvider time) : ITokenStore
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(2);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private TokenSet? _tokens;

    public async ValueTask<TokenSet?> GetAsync(TokenStoreKey key, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_tokens is { AccessToken: not null, AccessTokenExpiresAt: { } expires } && expires - time.GetUtcNow() > Margin)
            {
                return _tokens;
            }

            var issued = await store.IssueTokensAsync(userId, WebClientCredentials.ClientId, cancellationToken);
            if (_tokens is { } old)
            {
                await store.RevokeAsync(old.RefreshToken, WebClientCredentials.ClientId, cancellationToken);
            }

            _tokens = new TokenSet { AccessToken = issued.AccessToken, RefreshToken = issued.RefreshToken, AccessTokenExpiresAt = time.GetUtcNow() + issued.Lifetime };
            return _tokens;
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask SaveAsync(TokenStoreKey key, TokenSet tokens, CancellationToken cancellationToken = default)
    {
        _tokens = tokens;
        return ValueTask.CompletedTask;
    }

    public override string ToString() => "IssuedTokenStore { Tokens = *** }";
}
