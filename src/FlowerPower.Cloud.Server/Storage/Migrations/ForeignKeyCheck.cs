using System.Data.Common;

namespace FlowerPower.Cloud.Server.Storage.Migrations;

/// <summary>
/// Migration 5's last step: SQLite's tables were rebuilt without foreign key enforcement, so every reference is checked
/// before the migration commits (<c>PRAGMA foreign_key_check</c>); PostgreSQL checked them as it added the constraints.
/// </summary>
internal static class ForeignKeyCheck
{
    public static async Task ThrowIfBrokenAsync(CloudDatabase database, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (database.Kind != DatabaseKind.Sqlite)
        {
            return;
        }

        await using var command = connection.Command(transaction, "PRAGMA foreign_key_check");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"Migration 5 left a broken reference in table {reader.GetString(0)} (row {reader.GetValue(1)}); nothing was changed.");
        }
    }
}
