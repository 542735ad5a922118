namespace FlowerPower.Cloud;

/// <summary>Sharing prompts of the app for a location (<c>user_sharing</c>).</summary>
public sealed class UserSharing : FlowerPowerModel
{
    /// <summary>The prompt shown when every gauge of the plant first turns green (<c>first_all_green</c>).</summary>
    public FirstAllGreen? FirstAllGreen { get; set; }
}
