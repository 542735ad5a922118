using System.Data.Common;
using FlowerPower.Cloud.Server.Accounts;
using FlowerPower.Cloud.Wire;

namespace FlowerPower.Cloud.Server.Storage;

/// <summary>
/// Clients, sign-ins and tokens in the database. Tokens are kept as hashes, each with the client it was issued to, its
/// family (every pair from one sign-in) and its parent (the refresh token it was issued for); spending a refresh token
/// and writing the next pair is one transaction that locks the token's row, so two instances cannot both spend it,
/// and a failure between the two loses nothing. What a redemption does is <see cref="TokenPolicy"/>'s to say.
/// </summary>
internal sealed class SqlTokens(CloudDatabase database, TimeProvider time, TimeSpan tokenLifetime)
{
    private const long Day = 86_400_000;

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public async ValueTask<bool> IsClientAsync(string clientId, string clientSecret, CancellationToken cancellationToken)
    {
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var connection = lease.Connection;
        var hash = await connection.ScalarAsync<string?>(null, "SELECT secret_hash FROM clients WHERE client_id = @c", cancellationToken, ("@c", clientId));
        if (hash is null || !SecretHasher.VerifyClientSecret(clientSecret, hash))
        {
            return false;
        }

        if (SecretHasher.IsSlowClientHash(hash))
        {
            await connection.ExecuteAsync(null, "UPDATE clients SET secret_hash = @s WHERE client_id = @c AND secret_hash = @o", cancellationToken,
                ("@s", SecretHasher.HashClientSecret(clientSecret)), ("@c", clientId), ("@o", hash));
        }

        return true;
    }

    public async ValueTask<long?> FindUserAsync(string username, string password, CancellationToken cancellationToken)
    {
        long? id = null;
        string? hash = null;
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var connection = lease.Connection;
        await using (var command = connection.Command(null, "SELECT id, password_hash FROM users WHERE email = @e", ("@e", AccountNames.Normalize(username))))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                (id, hash) = (reader.GetInt64(0), reader.GetString(1));
            }
        }

        // The hash takes long: the connection goes back first, so a flood of sign-ins cannot hold the pool.
        await RequestConnection.ReleaseAsync();

        // An unknown user is checked against a decoy, so the answer takes as long as for a known one.
        if (!await SecretHasher.VerifyPasswordAsync(password, hash, cancellationToken))
        {
            return null;
        }

        if (SecretHasher.NeedsRehash(hash!))
        {
            await using var again = await RequestConnection.OpenAsync(database, cancellationToken);
            await again.Connection.ExecuteAsync(null, "UPDATE users SET password_hash = @p WHERE id = @u AND password_hash = @o", cancellationToken,
                ("@p", SecretHasher.HashPassword(password)), ("@u", id), ("@o", hash));
        }

        return id;
    }

    public async ValueTask<IssuedTokens> IssueTokensAsync(long userId, string clientId, CancellationToken cancellationToken)
    {
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var connection = lease.Connection;
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var tokens = await InsertPairAsync(connection, transaction, userId, clientId, CloudTokens.New(), null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return tokens;
    }

    public async ValueTask<IssuedTokens?> RefreshTokensAsync(string refreshToken, string clientId, CancellationToken cancellationToken)
    {
        var now = Now;
        var hash = SecretHasher.HashToken(refreshToken);
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var connection = lease.Connection;
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        long user;
        string? owner, family;
        long? spent;
        await using (var command = connection.Command(
                         transaction,
                         "SELECT user_id, client_id, family, spent_ms FROM tokens WHERE token_hash = @h AND kind = 'refresh' AND expires_ms > @t" + database.LockRow,
                         ("@h", hash), ("@t", now)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (user, owner, family, spent) = (reader.GetInt64(0), reader.NullableString(1), reader.NullableString(2), reader.NullableLong(3));
        }

        // A token of another client is refused, and revokes nothing: the client that holds it may be the rightful one.
        if (owner is not null && owner != clientId)
        {
            return null;
        }

        family ??= hash;
        var successorSpent = spent is not null && await connection.ScalarAsync<long?>(
            transaction, "SELECT 1 FROM tokens WHERE parent_hash = @h AND kind = 'refresh' AND spent_ms IS NOT NULL", cancellationToken, ("@h", hash)) is not null;
        switch (TokenPolicy.Decide(spent is { } at ? Db.Time(at) : null, successorSpent, time.GetUtcNow()))
        {
            case RefreshDecision.RevokeFamily:
                await connection.ExecuteAsync(transaction, "DELETE FROM tokens WHERE family = @f OR token_hash = @h", cancellationToken, ("@f", family), ("@h", hash));
                await transaction.CommitAsync(cancellationToken);
                return null;
            case RefreshDecision.ReplaceSuccessor:
                await connection.ExecuteAsync(transaction, "DELETE FROM tokens WHERE parent_hash = @h", cancellationToken, ("@h", hash));
                break;
            default:
                await connection.ExecuteAsync(transaction, "UPDATE tokens SET spent_ms = @t, family = @f WHERE token_hash = @h", cancellationToken,
                    ("@t", now), ("@f", family), ("@h", hash));
                break;
        }

        var tokens = await InsertPairAsync(connection, transaction, user, clientId, family, hash, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return tokens;
    }

    /// <summary>
    /// Ends a session: the refresh token's whole family goes (every access and refresh token issued from the same
    /// sign-in), so neither the token nor a copy of it works again. Returns how many went; a token of another client
    /// revokes nothing.
    /// </summary>
    public async Task<int> RevokeFamilyAsync(string refreshToken, string clientId, CancellationToken cancellationToken)
    {
        var hash = SecretHasher.HashToken(refreshToken);
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var connection = lease.Connection;
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        string? family = null, owner = null;
        await using (var command = connection.Command(transaction, "SELECT family, client_id FROM tokens WHERE token_hash = @h AND kind = 'refresh'" + database.LockRow, ("@h", hash)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return 0;
            }

            (family, owner) = (reader.NullableString(0), reader.NullableString(1));
        }

        if (owner is not null && owner != clientId)
        {
            return 0;
        }

        var removed = await connection.ExecuteAsync(
            transaction, "DELETE FROM tokens WHERE token_hash = @h OR (family IS NOT NULL AND family = @f)", cancellationToken, ("@h", hash), ("@f", family ?? hash));
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    public async ValueTask<long?> FindUserByAccessTokenAsync(string accessToken, CancellationToken cancellationToken)
    {
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        return await lease.Connection.ScalarAsync<long?>(
            null,
            "SELECT user_id FROM tokens WHERE token_hash = @h AND kind = 'access' AND expires_ms > @t",
            cancellationToken,
            ("@h", SecretHasher.HashToken(accessToken)),
            ("@t", Now));
    }

    /// <summary>Writes a new pair of <paramref name="family"/> issued for <paramref name="parent"/>, after clearing tokens that expired a day ago.</summary>
    private async Task<IssuedTokens> InsertPairAsync(
        DbConnection connection, DbTransaction transaction, long userId, string clientId, string family, string? parent, CancellationToken cancellationToken)
    {
        var access = CloudTokens.New();
        var refresh = CloudTokens.New();
        var now = Now;
        await connection.ExecuteAsync(transaction, "DELETE FROM tokens WHERE expires_ms < @t", cancellationToken, ("@t", now - Day));
        const string insert = "INSERT INTO tokens (token_hash, kind, user_id, expires_ms, client_id, family, parent_hash) VALUES (@h, @k, @u, @e, @c, @f, @p)";
        await connection.ExecuteAsync(transaction, insert, cancellationToken,
            ("@h", SecretHasher.HashToken(access)), ("@k", "access"), ("@u", userId), ("@e", now + (long)tokenLifetime.TotalMilliseconds), ("@c", clientId), ("@f", family), ("@p", parent));
        await connection.ExecuteAsync(transaction, insert, cancellationToken,
            ("@h", SecretHasher.HashToken(refresh)), ("@k", "refresh"), ("@u", userId), ("@e", now + (long)TokenPolicy.RefreshTokenLifetime.TotalMilliseconds), ("@c", clientId), ("@f", family), ("@p", parent));
        return new IssuedTokens(access, refresh, tokenLifetime);
    }
}
