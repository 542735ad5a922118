namespace FlowerPower.Cloud.Server.Storage;

/// <summary>
/// Keeps upload bodies as received for a while (to decode them again if a reader is ever corrected), then removes
/// them: the samples decoded from them keep their raw readings, so nothing needed is lost.
/// </summary>
internal sealed class UploadRetention(CloudDatabase database, TimeProvider time)
{
    /// <summary>Removes the bodies received more than <paramref name="keep"/> ago; returns how many.</summary>
    public async Task<long> PruneAsync(TimeSpan keep, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var removed = await connection.ExecuteAsync(transaction, "DELETE FROM uploads WHERE received_ms < @t", cancellationToken,
            ("@t", (time.GetUtcNow() - keep).ToUnixTimeMilliseconds()));
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }
}
