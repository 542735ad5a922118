using System.Data.Common;
using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Server.Administration;

/// <summary>
/// Merges two plants of one garden into one (<c>locations merge</c>): the history an import made under the sensor's
/// advertised name and the one its bridge's uploads made under its serial, for example. Every sample and watering of
/// the plant merged in that the kept plant lacks is copied (a time both hold is kept once, the kept plant's), the kept
/// plant takes the other's sensor when it has none, and the other plant goes. One transaction: a merge stopped half
/// way keeps nothing of it.
/// </summary>
internal sealed class PlantMerger(CloudDatabase database)
{
    /// <summary>Merges <paramref name="fromIdentifier"/> into <paramref name="intoIdentifier"/>; returns the line that says what it did.</summary>
    /// <exception cref="AdminException">No such user or location, or the two are one (a bad argument).</exception>
    public async Task<string> MergeAsync(string email, string fromIdentifier, string intoIdentifier, CancellationToken cancellationToken)
    {
        if (string.Equals(fromIdentifier, intoIdentifier, StringComparison.Ordinal))
        {
            throw new AdminException("--from and --into name the same location: give two", isBadArgument: true);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var user = await AccountAdmin.UserIdAsync(connection, transaction, email, cancellationToken);
        var from = await LockAsync(connection, transaction, user, email, fromIdentifier, cancellationToken);
        var into = await LockAsync(connection, transaction, user, email, intoIdentifier, cancellationToken);

        var added = await LocationRecords.CopyHistoryAsync(connection, transaction, from.Id, into.Id, cancellationToken);
        var takesSensor = into.Serial is null && from.Serial is not null;
        await LocationRecords.RemoveAsync(connection, transaction, user, from.Id, cancellationToken);
        await connection.ExecuteAsync(
            transaction,
            """
            UPDATE locations SET
                sensor_serial = @s, sensor_identifier = @n, calibration_data = @c, sensor_assigned_ms = @a, current_history_index = @h,
                last_upload_ms = @u
            WHERE id = @l
            """,
            cancellationToken,
            ("@s", takesSensor ? from.Serial : into.Serial),
            ("@n", into.Name ?? from.Name),
            ("@c", takesSensor ? from.Calibration : into.Calibration ?? from.Calibration),
            ("@a", takesSensor ? from.Assigned : into.Assigned ?? from.Assigned),
            ("@h", takesSensor ? from.HistoryIndex : into.HistoryIndex),
            ("@u", Latest(from.LastUpload, into.LastUpload)),
            ("@l", into.Id));
        await LocationRecords.RecountAsync(connection, transaction, into.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var sensor = takesSensor ? $"; it has {from.Serial}'s sensor now"
            : from.Serial is not null && from.Serial != into.Serial ? $"; sensor {from.Serial} is in no plant now ('locations set --sensor' gives it one)"
            : string.Empty;
        return $"merged \"{from.Nickname}\" ({fromIdentifier}) into \"{into.Nickname}\" ({intoIdentifier}): {added} of its {from.Samples} samples were new{sensor}";
    }

    private static long? Latest(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private async Task<Plant> LockAsync(DbConnection connection, DbTransaction transaction, long user, string email, string identifier, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            transaction,
            """
            SELECT id, nickname, sensor_serial, sensor_identifier, calibration_data, sensor_assigned_ms, current_history_index, last_upload_ms, sample_count
            FROM locations WHERE user_id = @u AND location_identifier = @i
            """ + database.LockRow,
            ("@u", user),
            ("@i", identifier));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw AccountAdmin.NoSuchLocation(email, identifier);
        }

        return new Plant(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetInt64(5),
            reader.GetInt64(6),
            reader.IsDBNull(7) ? null : reader.GetInt64(7),
            reader.GetInt64(8));
    }

    private sealed record Plant(
        long Id, string Nickname, string? Serial, string? Name, string? Calibration, long? Assigned, long HistoryIndex, long? LastUpload, long Samples);
}
