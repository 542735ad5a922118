namespace FlowerPower.Cloud.Wire;

/// <summary>The two numbers that grow when a user's garden changes: its configuration, and its status.</summary>
internal readonly record struct CloudVersions(long UserConfigVersion, long GardenStatusVersion);
