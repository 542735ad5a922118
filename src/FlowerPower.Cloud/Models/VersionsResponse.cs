namespace FlowerPower.Cloud;

/// <summary>
/// Answer of <c>GET /user/v1/versions</c>: only the version numbers of <see cref="FlowerPowerResponse"/>. Cheap to
/// poll; refetch the configuration or status only when <see cref="FlowerPowerResponse.UserConfigVersion"/> or
/// <see cref="FlowerPowerResponse.GardenStatusVersion"/> changed.
/// </summary>
public sealed class VersionsResponse : FlowerPowerResponse
{
}
