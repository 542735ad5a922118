using FlowerPower.Cloud.Server.Administration;
using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Server.Import;

/// <summary>
/// Stores one imported sensor history in a user's garden, in one transaction: the location named, or else the one whose
/// sensor it is (one is created, named after the sensor, when none has it), the samples it does not hold yet (a second
/// import adds nothing), then the counts and the status version.
/// </summary>
internal sealed class SensorHistoryStore(CloudDatabase database, TimeProvider time)
{
    /// <summary>Stores <paramref name="rows"/> for <paramref name="sensor"/> (an identifier or a serial).</summary>
    /// <param name="sensor">The sensor's identifier (a CSV-Dump file's name) or serial (a ROMI import's <c>--sensor</c>).</param>
    /// <param name="isSerial">Whether <paramref name="sensor"/> is a serial, which a location created for it keeps, so the bridge's uploads land there too.</param>
    /// <param name="email">The user whose garden it is.</param>
    /// <param name="locationIdentifier">The user's location that receives the samples, whatever its sensor; null for the sensor's own.</param>
    /// <param name="rows">The samples.</param>
    /// <param name="cancellationToken">Stops the import; nothing of it is kept.</param>
    /// <returns>How many samples were new, and the identifier of the location made for them, if one was.</returns>
    /// <exception cref="AdminException">There is no such user, or no such location in their garden.</exception>
    public async Task<(long Added, string? Created)> StoreAsync(
        string sensor, bool isSerial, string email, string? locationIdentifier, IReadOnlyList<SampleRow> rows, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var user = await AccountAdmin.UserIdAsync(connection, transaction, email, cancellationToken);
        string? created = null;
        var location = locationIdentifier is null
            ? await LocationRecords.BySensorAsync(connection, transaction, user, sensor, cancellationToken)
            : await LocationRecords.ByIdentifierAsync(connection, transaction, user, locationIdentifier, cancellationToken)
                ?? throw AccountAdmin.NoSuchLocation(email, locationIdentifier);
        if (location is null)
        {
            created = await LocationRecords.InsertAsync(
                connection, transaction, user, sensor, isSerial ? sensor : null, isSerial ? null : sensor, null, true, time.GetUtcNow(), cancellationToken);
            location = await connection.ScalarAsync<long>(transaction, "SELECT id FROM locations WHERE location_identifier = @i", cancellationToken, ("@i", created));
        }

        var added = await database.InsertSamplesAsync(connection, transaction, location.Value, rows, cancellationToken);
        if (added > 0)
        {
            await LocationRecords.CountAddedAsync(connection, transaction, location.Value, added, rows, cancellationToken);
            await connection.ExecuteAsync(transaction, "UPDATE locations SET last_upload_ms = @t WHERE id = @l", cancellationToken,
                ("@t", time.GetUtcNow().ToUnixTimeMilliseconds()), ("@l", location.Value));
            await connection.ExecuteAsync(transaction, "UPDATE users SET status_version = status_version + 1 WHERE id = @u", cancellationToken, ("@u", user));
        }

        await transaction.CommitAsync(cancellationToken);
        return (added, created);
    }
}
