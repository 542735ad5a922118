using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Server.Administration;

/// <summary>
/// A consistent copy of a running SQLite database: <c>VACUUM INTO</c> reads one snapshot (writers go on; what they
/// commit after it starts is not in the copy) and writes a new, compact file that <c>--database</c> serves as it is.
/// PostgreSQL has its own tools for this (<c>pg_dump</c>, <c>pg_restore</c>).
/// </summary>
internal static class Backups
{
    public static async Task WriteAsync(CloudDatabase database, string target, CancellationToken cancellationToken)
    {
        if (database.Kind != DatabaseKind.Sqlite)
        {
            throw new AdminException("backup copies SQLite files; for PostgreSQL use pg_dump --format=custom and pg_restore (README: Backups)", isBadArgument: true);
        }

        if (File.Exists(target) || Directory.Exists(target))
        {
            throw new AdminException($"{target} exists already: a backup goes to a new file", isBadArgument: true);
        }

        if (Path.GetDirectoryName(target) is { } folder && !Directory.Exists(folder))
        {
            throw new AdminException($"there is no folder {folder}", isBadArgument: true);
        }

        // The copy holds password hashes, the web garden's client secret and the Data Protection keys: it is made
        // private before it holds anything (VACUUM INTO takes an empty file), never chmodded after the fact.
        try
        {
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var empty = new FileStream(target, create);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new AdminException($"{target} cannot be created: {exception.Message}", isBadArgument: true);
        }

        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(null, "VACUUM INTO @f", cancellationToken, ("@f", target));
        }
        catch
        {
            File.Delete(target);
            throw;
        }
    }
}
