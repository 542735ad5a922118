namespace FlowerPower.Cloud;

/// <summary>Which tokens a <see cref="ITokenStore"/> entry holds: those of one user, through one client, on one server.</summary>
/// <param name="BaseAddress">The server the tokens are for.</param>
/// <param name="ClientId">The client id they were issued to.</param>
/// <param name="Username">The user they belong to.</param>
public readonly record struct TokenStoreKey(Uri BaseAddress, string ClientId, string Username)
{
    /// <summary>The key as one stable string (server, client and user), for stores that key by text.</summary>
    /// <returns>The key as text; no secret is part of it.</returns>
    public override string ToString() => $"{BaseAddress.AbsoluteUri}|{ClientId}|{Username}";
}
