namespace FlowerPower.Cloud;

/// <summary>Answer of <c>GET /user/v4/profile</c>.</summary>
public sealed class UserProfileResponse : FlowerPowerResponse
{
    /// <summary>The account's profile (<c>user_profile</c>); null only when the server left it out.</summary>
    public UserProfile? UserProfile { get; set; }
}
