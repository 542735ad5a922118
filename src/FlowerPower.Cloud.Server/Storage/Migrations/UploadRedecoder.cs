using System.Data.Common;
using FlowerPower.Cloud.Wire.Uploads;

namespace FlowerPower.Cloud.Server.Storage.Migrations;

/// <summary>
/// Migration 2's data step: every sample upload kept as received is decoded again with the corrected reader, and its
/// samples replace those the first reader made from it (<see cref="LegacyHistoryBuffer"/>). An upload the corrected
/// reader refuses keeps its old samples, so nothing is lost; samples without raw readings (imports) are never touched.
/// </summary>
internal static class UploadRedecoder
{
    public static async Task RedecodeAsync(CloudDatabase database, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var uploads = new List<(long Id, long User, long ReceivedMs)>();
        await using (var command = connection.Command(transaction, "SELECT id, user_id, received_ms FROM uploads WHERE kind = 'sample' ORDER BY id"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                uploads.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
            }
        }

        // First every old sample goes, then every new one comes: an old time of one upload may be a new time of another.
        var decoded = new List<(long User, List<SensorUploadBatch> Batches)>();
        var reached = new Dictionary<long, long>();
        foreach (var (id, user, receivedMs) in uploads)
        {
            // This step is schema version 2: every body is still text (version 3 compresses them).
            var body = await connection.ScalarAsync<string>(transaction, "SELECT body FROM uploads WHERE id = @i", cancellationToken, ("@i", id)) ?? string.Empty;
            var received = DateTimeOffset.FromUnixTimeMilliseconds(receivedMs);
            SampleUploadRequest request;
            List<SensorUploadBatch> batches;
            try
            {
                request = UploadParser.ParseSamples(body, received);
                batches = UploadParser.Decode(request, received);
            }
            catch (UploadRefusal)
            {
                continue;
            }

            foreach (var (serial, times) in LegacyHistoryBuffer.CaptureTimes(request))
            {
                if (await LocationRecords.BySensorAsync(connection, transaction, user, serial, cancellationToken) is { } location)
                {
                    foreach (var time in times)
                    {
                        await connection.ExecuteAsync(
                            transaction, "DELETE FROM samples WHERE location_id = @l AND capture_ms = @t AND raw_air_temperature IS NOT NULL", cancellationToken,
                            ("@l", location), ("@t", time));
                    }

                    reached.TryAdd(location, 0);
                }
            }

            decoded.Add((user, batches));
        }

        foreach (var (user, batches) in decoded)
        {
            foreach (var batch in batches)
            {
                if (await LocationRecords.BySensorAsync(connection, transaction, user, batch.SensorSerial, cancellationToken) is { } location)
                {
                    await database.InsertSamplesAsync(connection, transaction, location, batch.Samples.Select(SampleRow.From).ToList(), cancellationToken);
                    reached[location] = Math.Max(reached.GetValueOrDefault(location), batch.CurrentHistoryIndex);
                }
            }
        }

        // The first reader's indexes were wrong too (bytes 8-11 as one number): each location's index is set anew.
        foreach (var (location, index) in reached)
        {
            await LocationRecords.RecountAsync(connection, transaction, location, cancellationToken);
            await connection.ExecuteAsync(transaction, "UPDATE locations SET current_history_index = @i WHERE id = @l", cancellationToken, ("@i", index), ("@l", location));
        }
    }
}
