namespace FlowerPower.Cloud;

/// <summary>
/// What a <see cref="ITokenStore"/> keeps for an account: the refresh token, and the access token with its expiry, so
/// that clients sharing a store (instances of a web farm) use one sign-in between them. <see cref="ToString"/> never
/// shows a token.
/// </summary>
public sealed record TokenSet
{
    /// <summary>The newest refresh token. A secret.</summary>
    public required string RefreshToken { get; init; }

    /// <summary>The access token issued with it, if known. A secret.</summary>
    public string? AccessToken { get; init; }

    /// <summary>When <see cref="AccessToken"/> expires.</summary>
    public DateTimeOffset? AccessTokenExpiresAt { get; init; }

    /// <summary>Describes the set without its tokens.</summary>
    /// <returns>The set as text, tokens masked.</returns>
    public override string ToString() =>
        $"TokenSet {{ RefreshToken = ***, AccessToken = {(AccessToken is null ? "null" : "***")}, AccessTokenExpiresAt = {AccessTokenExpiresAt:O} }}";
}
