namespace FlowerPower.Cloud.Server.Storage;

/// <summary>
/// The database was migrated by a newer server than this one: its schema is left as it is, since this server would
/// not know what the newer migrations changed (migrations run forward only).
/// </summary>
internal sealed class SchemaTooNewException(long version, int known)
    : Exception($"its schema is version {version}, newer than this server's {known}: a newer FlowerPower.Cloud.Server used it, and this one leaves it untouched; " +
        "run that version again, or restore the backup made before the upgrade")
{
    public long Version { get; } = version;

    public int Known { get; } = known;
}
