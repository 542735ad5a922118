using System.Data.Common;
using System.Security.Cryptography;
using FlowerPower.Cloud.Server.Accounts;

namespace FlowerPower.Cloud.Server.Storage;

/// <summary>
/// The web garden's own client of the server's API, registered by schema migration 4: a client id every instance
/// knows and a random secret kept in the database (in <c>server_settings</c>), so instances sharing a database sign
/// their owners in as one client. The database is the trust boundary: whoever can read it holds every garden anyway.
/// </summary>
internal static class WebClientCredentials
{
    /// <summary>The web garden's client id, listed by <c>clients list</c> and kept by <c>clients remove</c>.</summary>
    public const string ClientId = "flowerpower-web";

    private const string SecretSetting = "web_client_secret";

    /// <summary>Migration 4's data step: registers the client with a new secret (replacing a client of that id an owner made).</summary>
    public static async Task RegisterAsync(CloudDatabase database, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await connection.ExecuteAsync(transaction, "DELETE FROM clients WHERE client_id = @c", cancellationToken, ("@c", ClientId));
        await connection.ExecuteAsync(
            transaction,
            "INSERT INTO clients (client_id, secret_hash, created_ms) VALUES (@c, @s, @t)",
            cancellationToken,
            ("@c", ClientId),
            ("@s", SecretHasher.HashClientSecret(secret)),
            ("@t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        await connection.ExecuteAsync(
            transaction, "INSERT INTO server_settings (name, value) VALUES (@n, @v)", cancellationToken, ("@n", SecretSetting), ("@v", secret));
    }

    /// <summary>The web client's secret, as migration 4 made it.</summary>
    public static async Task<string> ReadSecretAsync(CloudDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ScalarAsync<string>(null, "SELECT value FROM server_settings WHERE name = @n", cancellationToken, ("@n", SecretSetting))
            ?? throw new InvalidOperationException("The database holds no web client secret: its schema is older than version 4.");
    }
}
