namespace FlowerPower.Cloud.Wire;

/// <summary>
/// The two numbers that grow when a user's garden changes (its configuration, and its status), and the build of the
/// server that answers (<c>server_identifier</c>), which the cloud wrote beside them; a neutral name when null.
/// </summary>
internal readonly record struct CloudVersions(long UserConfigVersion, long GardenStatusVersion, string? ServerIdentifier = null);
