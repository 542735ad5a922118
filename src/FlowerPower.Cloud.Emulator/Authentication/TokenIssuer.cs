using System.Collections.Concurrent;
using FlowerPower.Cloud.Wire;

namespace FlowerPower.Cloud.Emulator.Authentication;

/// <summary>
/// Issues tokens as the cloud did: 48 alphanumeric characters, access tokens that expire, refresh tokens that
/// rotate (a used one is rejected).
/// </summary>
internal sealed class TokenIssuer(TimeProvider time, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _refreshTokens = new(StringComparer.Ordinal);

    public TimeSpan Lifetime { get; } = lifetime;

    public (string AccessToken, string RefreshToken) Issue()
    {
        var access = CloudTokens.New();
        var refresh = CloudTokens.New();
        _accessTokens[access] = time.GetUtcNow() + Lifetime;
        _refreshTokens[refresh] = 0;
        return (access, refresh);
    }

    /// <summary>Consumes a refresh token; true once per token.</summary>
    public bool Redeem(string refreshToken) => _refreshTokens.TryRemove(refreshToken, out _);

    public bool IsValid(string accessToken) =>
        _accessTokens.TryGetValue(accessToken, out var expires) && time.GetUtcNow() < expires;

    /// <summary>Makes every access token expire now, as if the server had restarted.</summary>
    public void RevokeAccessTokens() => _accessTokens.Clear();
}
