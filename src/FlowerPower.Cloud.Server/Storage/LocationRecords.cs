using System.Data.Common;
using FlowerPower.Cloud.Server.Accounts;

namespace FlowerPower.Cloud.Server.Storage;

/// <summary>
/// The one home of the locations' SQL: finding a user's location by identifier or sensor, making one, removing one
/// with everything it holds, and keeping its sample count and first and last capture times. Every statement runs in
/// the caller's transaction. Location ids are never reused (SQLite <c>AUTOINCREMENT</c>, PostgreSQL's identity), and
/// samples and waterings hold a foreign key to their location, so nothing a removed location held can reach another.
/// </summary>
internal static class LocationRecords
{
    /// <summary>
    /// The user's location that holds the sensor <paramref name="serial"/>: its <c>sensor_serial</c>, or its
    /// <c>sensor_identifier</c> (the advertised name, which Parrot's bridge sent as the serial); null when none does.
    /// </summary>
    public static Task<long?> BySensorAsync(DbConnection connection, DbTransaction? transaction, long user, string serial, CancellationToken cancellationToken) =>
        connection.ScalarAsync<long?>(
            transaction,
            """
            SELECT id FROM locations WHERE user_id = @u AND (sensor_serial = @s OR sensor_identifier = @s)
            ORDER BY CASE WHEN sensor_serial = @s THEN 0 ELSE 1 END, id LIMIT 1
            """,
            cancellationToken,
            ("@u", user),
            ("@s", serial));

    /// <summary>The user's location with this identifier, or null.</summary>
    public static Task<long?> ByIdentifierAsync(DbConnection connection, DbTransaction? transaction, long user, string identifier, CancellationToken cancellationToken) =>
        connection.ScalarAsync<long?>(transaction, "SELECT id FROM locations WHERE user_id = @u AND location_identifier = @i", cancellationToken, ("@u", user), ("@i", identifier));

    /// <summary>Makes a location in the user's garden; returns its identifier. The configuration version grows.</summary>
    public static async Task<string> InsertAsync(
        DbConnection connection,
        DbTransaction transaction,
        long user,
        string nickname,
        string? sensorSerial,
        string? sensorIdentifier,
        long? plantId,
        bool isIndoor,
        DateTimeOffset now,
        CancellationToken cancellationToken,
        string? calibrationData = null)
    {
        var identifier = LocationIdentifiers.New(now);
        await connection.ExecuteAsync(
            transaction,
            """
            INSERT INTO locations (user_id, location_identifier, nickname, plant_id, is_indoor, created_ms, sensor_serial, sensor_identifier,
                                   calibration_data, sensor_assigned_ms)
            VALUES (@u, @id, @n, @p, @i, @c, @s, @si, @cal, @a)
            """,
            cancellationToken,
            ("@u", user),
            ("@id", identifier),
            ("@n", nickname),
            ("@p", plantId),
            ("@i", isIndoor ? 1 : 0),
            ("@c", now.ToUnixTimeMilliseconds()),
            ("@s", sensorSerial),
            ("@si", sensorIdentifier),
            ("@cal", sensorIdentifier is null ? null : calibrationData ?? string.Empty),
            ("@a", sensorIdentifier is null ? null : now.ToUnixTimeMilliseconds()));
        await connection.ExecuteAsync(transaction, "UPDATE users SET config_version = config_version + 1 WHERE id = @u", cancellationToken, ("@u", user));
        return identifier;
    }

    /// <summary>
    /// Removes a location with its samples and waterings; the user's versions grow. The caller has locked the location's
    /// row (found it with <see cref="CloudDatabase.LockRow"/>), so an upload to it either committed before, and its
    /// samples go too, or finds it gone.
    /// </summary>
    public static async Task RemoveAsync(DbConnection connection, DbTransaction transaction, long user, long location, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(transaction, "DELETE FROM samples WHERE location_id = @l", cancellationToken, ("@l", location));
        await connection.ExecuteAsync(transaction, "DELETE FROM waterings WHERE location_id = @l", cancellationToken, ("@l", location));
        await connection.ExecuteAsync(transaction, "DELETE FROM locations WHERE id = @l", cancellationToken, ("@l", location));
        await connection.ExecuteAsync(transaction, "UPDATE users SET config_version = config_version + 1, status_version = status_version + 1 WHERE id = @u", cancellationToken, ("@u", user));
    }

    /// <summary>
    /// Brings a location's sample count and first and last capture times up to date after <paramref name="added"/> of
    /// <paramref name="rows"/> were new, without counting the location's samples again (a row that was not new lies
    /// within the first and last already).
    /// </summary>
    public static Task CountAddedAsync(DbConnection connection, DbTransaction transaction, long location, long added, IReadOnlyList<SampleRow> rows, CancellationToken cancellationToken) =>
        added == 0 || rows.Count == 0
            ? Task.CompletedTask
            : connection.ExecuteAsync(
                transaction,
                """
                UPDATE locations SET
                    sample_count = sample_count + @n,
                    first_sample_ms = CASE WHEN first_sample_ms IS NULL OR first_sample_ms > @f THEN @f ELSE first_sample_ms END,
                    last_sample_ms = CASE WHEN last_sample_ms IS NULL OR last_sample_ms < @t THEN @t ELSE last_sample_ms END
                WHERE id = @l
                """,
                cancellationToken,
                ("@n", added),
                ("@f", rows.Min(r => r.CaptureMs)),
                ("@t", rows.Max(r => r.CaptureMs)),
                ("@l", location));

    /// <summary>Every column of a sample but its location, in the order of the samples table's insert.</summary>
    public const string SampleColumns =
        "capture_ms, light, fertilizer, air_temperature, soil_moisture, calibrated_soil_moisture, battery, " +
        "raw_light, raw_soil_ec, raw_soil_temperature, raw_soil_vwc, raw_air_temperature, raw_battery, soil_temperature";

    /// <summary>
    /// Copies into <paramref name="into"/> every sample and watering of <paramref name="from"/> at a time it holds none
    /// of (where both hold one, its own stays); returns how many samples were new to it. Its counts are not touched.
    /// </summary>
    public static async Task<long> CopyHistoryAsync(DbConnection connection, DbTransaction transaction, long from, long into, CancellationToken cancellationToken)
    {
        var added = await connection.ExecuteAsync(
            transaction,
            $"INSERT INTO samples (location_id, {SampleColumns}) SELECT @i, {SampleColumns} FROM samples WHERE location_id = @f ON CONFLICT (location_id, capture_ms) DO NOTHING",
            cancellationToken,
            ("@i", into),
            ("@f", from));
        await connection.ExecuteAsync(
            transaction,
            "INSERT INTO waterings (location_id, at_ms) SELECT @i, at_ms FROM waterings WHERE location_id = @f ON CONFLICT (location_id, at_ms) DO NOTHING",
            cancellationToken,
            ("@i", into),
            ("@f", from));
        return added;
    }

    /// <summary>Counts a location's samples and finds its first and last capture times again, after samples were removed.</summary>
    public static Task RecountAsync(DbConnection connection, DbTransaction transaction, long location, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(
            transaction,
            """
            UPDATE locations SET
                sample_count = (SELECT COUNT(*) FROM samples WHERE location_id = @l),
                first_sample_ms = (SELECT MIN(capture_ms) FROM samples WHERE location_id = @l),
                last_sample_ms = (SELECT MAX(capture_ms) FROM samples WHERE location_id = @l)
            WHERE id = @l
            """,
            cancellationToken,
            ("@l", location));
}
