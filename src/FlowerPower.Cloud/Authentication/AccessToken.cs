namespace FlowerPower.Cloud.Authentication;

/// <summary>An access token and when to replace it. <see cref="ToString"/> never shows the token.</summary>
internal sealed class AccessToken(string value, DateTimeOffset expiresAt, DateTimeOffset refreshAt)
{
    public string Value { get; } = value;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public DateTimeOffset RefreshAt { get; } = refreshAt;

    public override string ToString() => $"AccessToken {{ Value = ***, ExpiresAt = {ExpiresAt:O}, RefreshAt = {RefreshAt:O} }}";
}
