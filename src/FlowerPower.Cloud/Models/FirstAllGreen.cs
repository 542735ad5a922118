namespace FlowerPower.Cloud;

/// <summary>The "all green" sharing prompt (<c>user_sharing.first_all_green</c>).</summary>
public sealed class FirstAllGreen : FlowerPowerModel
{
    /// <summary>Where the prompt stands (<c>sharing_status</c>).</summary>
    public SharingStatus? SharingStatus { get; set; }
}
