using System.Data.Common;

namespace FlowerPower.Cloud.Server.Storage;

/// <summary>
/// Token buckets in the database (<c>rate_buckets</c>), so every instance over one database counts against the same
/// allowance: one row a bucket, holding its tokens and when they were counted; a bucket without a row is full. Each
/// change is one short write transaction that locks the bucket's row, so two instances taking from one bucket at once
/// take two tokens.
/// </summary>
internal sealed class RateBuckets(CloudDatabase database, TimeProvider time)
{
    /// <summary>Takes one token from <paramref name="bucket"/>: null when it had one, else how long until it will.</summary>
    public async Task<TimeSpan?> TakeAsync(string bucket, RateBucket shape, CancellationToken cancellationToken)
    {
        TimeSpan? wait = null;
        await ChangeAsync([bucket], shape, tokens =>
        {
            if (tokens >= 1)
            {
                return tokens - 1;
            }

            wait = shape.UntilOne(tokens);
            return tokens;
        }, cancellationToken);
        return wait;
    }

    /// <summary>Takes one token from each bucket, or what is left of one; none goes below empty.</summary>
    public Task DrainAsync(IReadOnlyList<string> buckets, RateBucket shape, CancellationToken cancellationToken) =>
        ChangeAsync(buckets, shape, tokens => Math.Max(0, tokens - 1), cancellationToken);

    /// <summary>Takes <paramref name="count"/> tokens at once: null when the bucket held them (it may then hold less than one), else how long until it holds one.</summary>
    public async Task<TimeSpan?> TakeManyAsync(string bucket, RateBucket shape, int count, CancellationToken cancellationToken)
    {
        TimeSpan? wait = null;
        await ChangeAsync([bucket], shape, tokens =>
        {
            if (tokens >= 1)
            {
                return Math.Max(-shape.Burst, tokens - count);
            }

            wait = shape.UntilOne(tokens);
            return tokens;
        }, cancellationToken);
        return wait;
    }

    /// <summary>How long until <paramref name="bucket"/> holds a token: null when it holds one now. Reads only.</summary>
    public async Task<TimeSpan?> WaitAsync(string bucket, RateBucket shape, CancellationToken cancellationToken)
    {
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        await using var command = lease.Connection.Command(null, "SELECT tokens, updated_ms FROM rate_buckets WHERE bucket = @b", ("@b", bucket));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var tokens = shape.Refill(reader.GetDouble(0), time.GetUtcNow() - Db.Time(reader.GetInt64(1)));
        return tokens >= 1 ? null : shape.UntilOne(tokens);
    }

    /// <summary>Removes the buckets untouched for a day: any of them would be full again by now.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(null, "DELETE FROM rate_buckets WHERE updated_ms < @t", cancellationToken, ("@t", time.GetUtcNow().AddDays(-1).ToUnixTimeMilliseconds()));
    }

    private async Task ChangeAsync(IReadOnlyList<string> buckets, RateBucket shape, Func<double, double> change, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var connection = lease.Connection;
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        foreach (var bucket in buckets.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await connection.ExecuteAsync(
                transaction, "INSERT INTO rate_buckets (bucket, tokens, updated_ms) VALUES (@b, @n, @t) ON CONFLICT (bucket) DO NOTHING", cancellationToken,
                ("@b", bucket), ("@n", (double)Math.Max(1, shape.Burst)), ("@t", now.ToUnixTimeMilliseconds()));
            var (tokens, updated) = await ReadAsync(connection, transaction, bucket, cancellationToken);
            var next = change(shape.Refill(tokens, now - Db.Time(updated)));
            await connection.ExecuteAsync(
                transaction, "UPDATE rate_buckets SET tokens = @n, updated_ms = @t WHERE bucket = @b", cancellationToken,
                ("@b", bucket), ("@n", next), ("@t", now.ToUnixTimeMilliseconds()));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<(double Tokens, long UpdatedMs)> ReadAsync(DbConnection connection, DbTransaction transaction, string bucket, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(transaction, "SELECT tokens, updated_ms FROM rate_buckets WHERE bucket = @b" + database.LockRow, ("@b", bucket));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetDouble(0), reader.GetInt64(1));
    }
}
