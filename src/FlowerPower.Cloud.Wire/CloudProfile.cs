namespace FlowerPower.Cloud.Wire;

/// <summary>What <c>/user/v4/profile</c> tells about a user.</summary>
internal sealed record CloudProfile(
    string Email,
    string TimeZone,
    bool UseFahrenheit = false,
    bool UseLux = true,
    bool UseMol = false,
    bool UseFtc = false,
    string DeviceModel = "Emulator");
