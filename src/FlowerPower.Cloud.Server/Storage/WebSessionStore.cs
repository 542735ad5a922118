using System.Security.Cryptography;
using System.Text;

namespace FlowerPower.Cloud.Server.Storage;

/// <summary>
/// The web garden's sessions (<c>web_sessions</c>): the browser holds only a random id, the server its tokens, so a
/// token rotation is written the moment the SDK saves it, whatever becomes of the page that caused it. The id is
/// kept as its SHA-256 hash: a copy of the database opens no session. A session lasts
/// <see cref="Lifetime"/> after it was last used; signing out, <c>users passwd</c> and <c>tokens revoke</c> end it.
/// </summary>
internal sealed class WebSessionStore(CloudDatabase database, TimeProvider time)
{
    /// <summary>How long a session lasts after its last use.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>Starts a session for the user with this email; returns its id, for the cookie, or null when there is no such user.</summary>
    public async Task<string?> CreateAsync(string email, string protectedTokens, CancellationToken cancellationToken)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var made = await lease.Connection.ExecuteAsync(
            null,
            "INSERT INTO web_sessions (id_hash, user_id, tokens, created_ms, seen_ms, expires_ms) SELECT @h, id, @t, @n, @n, @e FROM users WHERE email = @m",
            cancellationToken,
            ("@h", Hash(id)), ("@m", Accounts.AccountNames.Normalize(email)), ("@t", protectedTokens), ("@n", now.ToUnixTimeMilliseconds()), ("@e", (now + Lifetime).ToUnixTimeMilliseconds()));
        return made == 1 ? id : null;
    }

    /// <summary>The live session with this id, or null (unknown, expired, ended).</summary>
    public async Task<WebSessionRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        await using var command = lease.Connection.Command(
            null,
            "SELECT s.user_id, u.email, s.tokens, s.seen_ms, s.expires_ms FROM web_sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = @h AND s.expires_ms > @t",
            ("@h", Hash(id)), ("@t", time.GetUtcNow().ToUnixTimeMilliseconds()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new WebSessionRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), Db.Time(reader.GetInt64(3)), Db.Time(reader.GetInt64(4)))
            : null;
    }

    /// <summary>Keeps the tokens the SDK just saved; false when the session has ended meanwhile.</summary>
    public async Task<bool> SaveTokensAsync(string id, string protectedTokens, CancellationToken cancellationToken)
    {
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        return await lease.Connection.ExecuteAsync(null, "UPDATE web_sessions SET tokens = @t WHERE id_hash = @h", cancellationToken, ("@t", protectedTokens), ("@h", Hash(id))) > 0;
    }

    /// <summary>The session was used now: it lasts <see cref="Lifetime"/> from now.</summary>
    public async Task TouchAsync(string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        await lease.Connection.ExecuteAsync(
            null, "UPDATE web_sessions SET seen_ms = @n, expires_ms = @e WHERE id_hash = @h", cancellationToken,
            ("@n", now.ToUnixTimeMilliseconds()), ("@e", (now + Lifetime).ToUnixTimeMilliseconds()), ("@h", Hash(id)));
    }

    /// <summary>Ends the session.</summary>
    public async Task EndAsync(string id, CancellationToken cancellationToken)
    {
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        await lease.Connection.ExecuteAsync(null, "DELETE FROM web_sessions WHERE id_hash = @h", cancellationToken, ("@h", Hash(id)));
    }

    /// <summary>Removes the sessions that have expired.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(null, "DELETE FROM web_sessions WHERE expires_ms <= @t", cancellationToken, ("@t", time.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    private static string Hash(string id) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
}
