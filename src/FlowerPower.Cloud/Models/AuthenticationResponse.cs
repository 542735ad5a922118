namespace FlowerPower.Cloud;

/// <summary>
/// Answer of the token endpoint (<c>/user/v1/authenticate</c>). The client signs in and refreshes by itself, so
/// callers rarely see one. <see cref="ToString"/> never shows a token.
/// </summary>
internal sealed class AuthenticationResponse : FlowerPowerModel
{
    /// <summary>The bearer token for resource calls (<c>access_token</c>). A secret.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Seconds until <see cref="AccessToken"/> expires (<c>expires_in</c>); 172800 (48 hours) on the cloud.</summary>
    public long? ExpiresIn { get; set; }

    /// <summary>The token that gets a new access token without the password (<c>refresh_token</c>). A secret.</summary>
    public string? RefreshToken { get; set; }

    /// <summary>State of the account's data import (<c>import_status</c>), usually "unavailable".</summary>
    public string? ImportStatus { get; set; }

    /// <summary>Describes the response without its tokens.</summary>
    /// <returns>A text with the lifetime and import status, and no secret.</returns>
    public override string ToString() =>
        $"AuthenticationResponse {{ AccessToken = {(AccessToken is null ? "null" : "***")}, ExpiresIn = {ExpiresIn}, RefreshToken = {(RefreshToken is null ? "null" : "***")}, ImportStatus = {ImportStatus} }}";
}
