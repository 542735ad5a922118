namespace FlowerPower.Cloud.Wire;

/// <summary>A token pair as issued, with the access token's lifetime (<c>expires_in</c>).</summary>
internal sealed record IssuedTokens(string AccessToken, string RefreshToken, TimeSpan Lifetime);
