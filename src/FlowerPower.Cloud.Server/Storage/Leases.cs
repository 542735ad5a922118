namespace FlowerPower.Cloud.Server.Storage;

/// <summary>
/// Named leases in the database (<c>leases</c>): of the instances over one database, the one holding a lease does its
/// job; it renews the lease well before it runs out, and when it stops (a crash, a lost network) another takes the
/// lease once it has run out. A holder that stops cleanly gives its lease back, so a restart takes it at once.
/// </summary>
internal sealed class Leases(CloudDatabase database, TimeProvider time)
{
    /// <summary>Takes or renews <paramref name="name"/> for <paramref name="holder"/> until <paramref name="length"/> from now; false when another holds it.</summary>
    public async Task<bool> HoldAsync(string name, string holder, TimeSpan length, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(
            transaction,
            """
            INSERT INTO leases (name, holder, expires_ms) VALUES (@n, @h, @e)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_ms = excluded.expires_ms
            WHERE leases.holder = excluded.holder OR leases.expires_ms < @now
            """,
            cancellationToken,
            ("@n", name), ("@h", holder), ("@e", (now + length).ToUnixTimeMilliseconds()), ("@now", now.ToUnixTimeMilliseconds()));
        var current = await connection.ScalarAsync<string>(transaction, "SELECT holder FROM leases WHERE name = @n", cancellationToken, ("@n", name));
        await transaction.CommitAsync(cancellationToken);
        return current == holder;
    }

    /// <summary>Gives <paramref name="name"/> back, when <paramref name="holder"/> holds it.</summary>
    public async Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(null, "DELETE FROM leases WHERE name = @n AND holder = @h", cancellationToken, ("@n", name), ("@h", holder));
    }
}
