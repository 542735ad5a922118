namespace FlowerPower.Cloud.Authentication;

/// <summary>A <see cref="TokenSet"/> as <see cref="DistributedCacheTokenStore"/> writes it: JSON through the SDK's JSON context.</summary>
internal sealed class StoredTokenSet
{
    public string? RefreshToken { get; set; }

    public string? AccessToken { get; set; }

    public DateTimeOffset? AccessTokenExpiresAt { get; set; }
}
