using System.Data.Common;
using FlowerPower.Cloud.Server.Accounts;
using FlowerPower.Cloud.Wire;
using FlowerPower.Cloud.Wire.Writers;

namespace FlowerPower.Cloud.Server.Storage;

/// <summary>The users' SQL that more than one part of the server needs: finding one by email, their version numbers, and moving the status version.</summary>
internal static class UserRecords
{
    /// <summary>The user with this email, or null.</summary>
    public static Task<long?> ByEmailAsync(DbConnection connection, DbTransaction? transaction, string email, CancellationToken cancellationToken) =>
        connection.ScalarAsync<long?>(transaction, "SELECT id FROM users WHERE email = @e", cancellationToken, ("@e", AccountNames.Normalize(email)));

    public static async Task<CloudVersions> VersionsAsync(DbConnection connection, DbTransaction? transaction, long user, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(transaction, "SELECT config_version, status_version FROM users WHERE id = @u", ("@u", user));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new CloudVersions(reader.GetInt64(0), reader.GetInt64(1), WireFormat.ServerBuildIdentifier) : new CloudVersions(0, 0, WireFormat.ServerBuildIdentifier);
    }

    /// <summary>The garden's status changed: its version grows by one, however much changed in the transaction.</summary>
    public static Task StatusChangedAsync(DbConnection connection, DbTransaction transaction, long user, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(transaction, "UPDATE users SET status_version = status_version + 1 WHERE id = @u", cancellationToken, ("@u", user));
}
