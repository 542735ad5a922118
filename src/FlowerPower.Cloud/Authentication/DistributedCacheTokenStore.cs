using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FlowerPower.Cloud.Api;
using FlowerPower.Cloud.Authentication;
using Microsoft.Extensions.Caching.Distributed;

namespace FlowerPower.Cloud;

/// <summary>
/// An <see cref="ITokenStore"/> over an <see cref="IDistributedCache"/> (Redis, SQL Server, ...): instances of a web
/// farm that share it share one token set, so they sign in once between them and never spend each other's rotating
/// refresh token. Entries are keyed by a hash of the server, client id and user name (no user name in the cache's
/// keys); the tokens themselves are secrets, so give the cache the protection a password store would get.
/// </summary>
public sealed class DistributedCacheTokenStore : ITokenStore
{
    /// <summary>How long an entry is kept after its last write, unless told otherwise: 90 days.</summary>
    public static readonly TimeSpan DefaultEntryLifetime = TimeSpan.FromDays(90);

    private readonly IDistributedCache _cache;
    private readonly string _prefix;
    private readonly TimeSpan _entryLifetime;

    /// <summary>Creates the store.</summary>
    /// <param name="cache">The cache the instances share.</param>
    /// <param name="keyPrefix">Put before every key, to keep the SDK's entries apart. Default "flowerpower:tokens:".</param>
    /// <param name="entryLifetime">How long an entry lives after its last write; default <see cref="DefaultEntryLifetime"/>.</param>
    public DistributedCacheTokenStore(IDistributedCache cache, string keyPrefix = "flowerpower:tokens:", TimeSpan? entryLifetime = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        _cache = cache;
        _prefix = keyPrefix;
        _entryLifetime = entryLifetime ?? DefaultEntryLifetime;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_entryLifetime, TimeSpan.Zero, nameof(entryLifetime));
    }

    /// <inheritdoc />
    public async ValueTask<TokenSet?> GetAsync(TokenStoreKey key, CancellationToken cancellationToken = default)
    {
        var bytes = await _cache.GetAsync(CacheKey(key), cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            var stored = JsonSerializer.Deserialize(bytes, FlowerPowerJsonContext.Default.StoredTokenSet);
            return stored is { RefreshToken: { Length: > 0 } refresh }
                ? new TokenSet { RefreshToken = refresh, AccessToken = stored.AccessToken, AccessTokenExpiresAt = stored.AccessTokenExpiresAt }
                : null;
        }
        catch (JsonException)
        {
            // An entry nobody can read (another version, a damaged write) is as good as none: the client signs in.
            return null;
        }
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(TokenStoreKey key, TokenSet tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(
            new StoredTokenSet { RefreshToken = tokens.RefreshToken, AccessToken = tokens.AccessToken, AccessTokenExpiresAt = tokens.AccessTokenExpiresAt },
            FlowerPowerJsonContext.Default.StoredTokenSet);
        await _cache.SetAsync(CacheKey(key), bytes, new DistributedCacheEntryOptions { SlidingExpiration = _entryLifetime }, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Describes the store without its tokens.</summary>
    /// <returns>The store's key prefix.</returns>
    public override string ToString() => $"DistributedCacheTokenStore {{ KeyPrefix = {_prefix} }}";

    private string CacheKey(TokenStoreKey key) =>
        _prefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString()))).ToLowerInvariant();
}
