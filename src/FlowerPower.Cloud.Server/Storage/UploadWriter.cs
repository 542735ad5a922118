using FlowerPower.Cloud.Server.Telemetry;
using FlowerPower.Cloud.Wire.Uploads;

namespace FlowerPower.Cloud.Server.Storage;

/// <summary>
/// Writes a bridge's uploads. Each request is one transaction: the body as received, every sensor's samples (a sample
/// already held is kept as it was, and so is one held in the same measure period: <see cref="SampleSlots"/>), the history index each sensor reached, its waterings, and the status version,
/// which grows once. A reader sees all of an upload or none of it, and a watcher of the version never misses
/// committed samples. The sensors' locations are found and locked in the transaction, in ascending id order, so a
/// location removed meanwhile either waits for the upload or refuses it (9070), and two uploads naming the same
/// sensors in opposite order cannot deadlock.
/// </summary>
internal sealed class UploadWriter(CloudDatabase database, TimeProvider time)
{
    public async ValueTask StoreUploadAsync(long userId, SampleUploadRequest request, IReadOnlyList<SensorUploadBatch> batches, CancellationToken cancellationToken)
    {
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var connection = lease.Connection;
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);

        // Every sensor is found before anything is written: an upload naming another garden's sensor stores nothing.
        var locations = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var serial in batches.Select(b => b.SensorSerial).Distinct(StringComparer.Ordinal))
        {
            locations[serial] = await LocationRecords.BySensorAsync(connection, transaction, userId, serial, cancellationToken) ?? throw UploadRefusal.SensorNotMine(serial);
        }

        foreach (var (serial, location) in locations.OrderBy(l => l.Value))
        {
            if (await connection.ScalarAsync<long?>(
                    transaction, "SELECT id FROM locations WHERE id = @l AND user_id = @u AND (sensor_serial = @s OR sensor_identifier = @s)" + database.LockRow, cancellationToken,
                    ("@l", location), ("@u", userId), ("@s", serial)) is null)
            {
                throw UploadRefusal.SensorNotMine(serial);
            }
        }

        await connection.ExecuteAsync(transaction, "INSERT INTO uploads (user_id, kind, received_ms, body, body_gzip) VALUES (@u, 'sample', @t, '', @b)", cancellationToken,
            ("@u", userId), ("@t", time.GetUtcNow().ToUnixTimeMilliseconds()), ("@b", UploadBodies.Compress(request.RawJson)));
        long stored = 0;
        foreach (var batch in batches.OrderBy(b => locations[b.SensorSerial]))
        {
            var location = locations[batch.SensorSerial];
            var rows = await SampleSlots.NewOnlyAsync(connection, transaction, location, batch.Samples.Select(SampleRow.From).ToList(), batch.PeriodSeconds, cancellationToken);
            var added = await database.InsertSamplesAsync(connection, transaction, location, rows, cancellationToken);
            stored += added;
            await LocationRecords.CountAddedAsync(connection, transaction, location, added, rows, cancellationToken);
            await connection.ExecuteAsync(
                transaction,
                """
                UPDATE locations SET last_upload_ms = @t,
                    current_history_index = CASE WHEN current_history_index > @i THEN current_history_index ELSE @i END
                WHERE id = @l
                """,
                cancellationToken,
                ("@t", batch.UploadUtc.ToUnixTimeMilliseconds()), ("@i", batch.CurrentHistoryIndex), ("@l", location));
        }

        await UserRecords.StatusChangedAsync(connection, transaction, userId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        ServerMetrics.UploadStored(stored);
    }

    public async ValueTask StoreStatusUpdatesAsync(long userId, string rawJson, IReadOnlyList<StatusUpdate> updates, CancellationToken cancellationToken)
    {
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var connection = lease.Connection;
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var locations = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var update in updates)
        {
            locations[update.LocationIdentifier] = await connection.ScalarAsync<long?>(
                transaction, "SELECT id FROM locations WHERE user_id = @u AND location_identifier = @i" + database.LockRow, cancellationToken,
                ("@u", userId), ("@i", update.LocationIdentifier)) ?? throw UploadRefusal.LocationNotMine(update.LocationIdentifier);
        }

        await connection.ExecuteAsync(transaction, "INSERT INTO uploads (user_id, kind, received_ms, body, body_gzip) VALUES (@u, 'status', @t, '', @b)", cancellationToken,
            ("@u", userId), ("@t", time.GetUtcNow().ToUnixTimeMilliseconds()), ("@b", UploadBodies.Compress(rawJson)));
        foreach (var update in updates.Where(u => u.WateredUtc is not null))
        {
            await connection.ExecuteAsync(
                transaction, "INSERT INTO waterings (location_id, at_ms) VALUES (@l, @t) ON CONFLICT (location_id, at_ms) DO NOTHING", cancellationToken,
                ("@l", locations[update.LocationIdentifier]), ("@t", update.WateredUtc!.Value.ToUnixTimeMilliseconds()));
        }

        await UserRecords.StatusChangedAsync(connection, transaction, userId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
