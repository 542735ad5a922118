using System.Data.Common;
using FlowerPower.Cloud.Hosting;
using FlowerPower.Cloud.Hosting.Uploads;
using FlowerPower.Cloud.Hosting.Wire;
using FlowerPower.Cloud.Server.Accounts;

namespace FlowerPower.Cloud.Server.Storage;

/// <summary>
/// The server's store: the cloud's wire over a database. Every read names its user and filters by it, so another
/// user's location is as unknown as one that does not exist. Tokens are kept as hashes, each with the client it was
/// issued to and its family (every pair that came from one sign-in); spending a refresh token and writing the next
/// pair is one transaction that locks the token's row, so two instances cannot both spend it, and a failure between
/// the two loses nothing.
/// </summary>
internal sealed class SqlCloudStore(CloudDatabase database, TimeProvider time, TimeSpan tokenLifetime) : ICloudStore
{
    /// <summary>How long a refresh token can be redeemed.</summary>
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(90);

    /// <summary>How long a spent refresh token is accepted again: a client whose refresh answer was lost retries with it.</summary>
    public static readonly TimeSpan RefreshGrace = TimeSpan.FromSeconds(60);

    private const long Day = 86_400_000;

    private const string LocationColumns = """
        id, location_identifier, nickname, plant_id, created_ms, is_indoor, sensor_serial, sensor_identifier, calibration_data,
        sensor_assigned_ms, current_history_index, temperature_min, temperature_max, light_min, light_max, fertilizer_min,
        fertilizer_max, moisture_min, sample_count, first_sample_ms, last_sample_ms, last_upload_ms
        """;

    public TimeProvider Time { get; } = time;

    private long Now => Time.GetUtcNow().ToUnixTimeMilliseconds();

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
        await using (var command = connection.Command(null, "SELECT id, password_hash FROM users WHERE email = @e", ("@e", AccountAdmin.Normalize(username))))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                (id, hash) = (reader.GetInt64(0), reader.GetString(1));
            }
        }

        // An unknown user is checked against a decoy, so the answer takes as long as for a known one.
        if (!await SecretHasher.VerifyPasswordAsync(password, hash, cancellationToken))
        {
            return null;
        }

        if (SecretHasher.NeedsRehash(hash!))
        {
            await connection.ExecuteAsync(null, "UPDATE users SET password_hash = @p WHERE id = @u AND password_hash = @o", cancellationToken,
                ("@p", SecretHasher.HashPassword(password)), ("@u", id), ("@o", hash));
        }

        return id;
    }

    public async ValueTask<IssuedTokens> IssueTokensAsync(long userId, string clientId, CancellationToken cancellationToken)
    {
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var connection = lease.Connection;
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var tokens = await InsertPairAsync(connection, transaction, userId, clientId, CloudTokens.New(), cancellationToken);
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
        if (spent is { } at && now - at > (long)RefreshGrace.TotalMilliseconds)
        {
            // Spent and presented again after the grace period: someone else may hold the family; end it all.
            await connection.ExecuteAsync(transaction, "DELETE FROM tokens WHERE family = @f OR token_hash = @h", cancellationToken, ("@f", family), ("@h", hash));
            await transaction.CommitAsync(cancellationToken);
            return null;
        }

        if (spent is null)
        {
            await connection.ExecuteAsync(transaction, "UPDATE tokens SET spent_ms = @t, family = @f WHERE token_hash = @h", cancellationToken,
                ("@t", now), ("@f", family), ("@h", hash));
        }

        var tokens = await InsertPairAsync(connection, transaction, user, clientId, family, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return tokens;
    }

    /// <summary>
    /// Signs a session out: the refresh token's whole family goes (every access and refresh token issued from the same
    /// sign-in), so neither the token nor a copy of the cookie that held it works again. Returns how many went.
    /// </summary>
    public async Task<int> RevokeFamilyAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var hash = SecretHasher.HashToken(refreshToken);
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var connection = lease.Connection;
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var family = await connection.ScalarAsync<string?>(transaction, "SELECT family FROM tokens WHERE token_hash = @h", cancellationToken, ("@h", hash));
        var removed = await connection.ExecuteAsync(
            transaction, "DELETE FROM tokens WHERE token_hash = @h OR (family IS NOT NULL AND family = @f)", cancellationToken, ("@h", hash), ("@f", family ?? hash));
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    public async ValueTask<long?> FindUserByAccessTokenAsync(string accessToken, CancellationToken cancellationToken)
    {
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var connection = lease.Connection;
        return await connection.ScalarAsync<long?>(
            null,
            "SELECT user_id FROM tokens WHERE token_hash = @h AND kind = 'access' AND expires_ms > @t",
            cancellationToken,
            ("@h", SecretHasher.HashToken(accessToken)),
            ("@t", Now));
    }

    public async ValueTask<CloudVersions> GetVersionsAsync(long? userId, CancellationToken cancellationToken)
    {
        if (userId is null)
        {
            return new CloudVersions(0, 0);
        }

        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var connection = lease.Connection;
        return await VersionsAsync(connection, null, userId.Value, cancellationToken);
    }

    public async ValueTask<CloudProfile> GetProfileAsync(long userId, CancellationToken cancellationToken)
    {
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var connection = lease.Connection;
        await using var command = connection.Command(null, "SELECT email, time_zone, use_fahrenheit FROM users WHERE id = @u", ("@u", userId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new CloudProfile(reader.GetString(0), reader.GetString(1), UseFahrenheit: reader.GetInt64(2) != 0, DeviceModel: "FlowerPower.Cloud.Server");
    }

    public async ValueTask<IReadOnlyList<CloudLocation>> GetLocationsAsync(long userId, CancellationToken cancellationToken)
    {
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var connection = lease.Connection;
        return (await LocationRowsAsync(connection, userId, cancellationToken)).Select(r => r.Location).ToList();
    }

    /// <summary>
    /// Every location's history for its status in three statements, however many locations the garden has: the
    /// locations, the latest sample of each, and each one's light over the day before it and soil moisture a day
    /// earlier. A sample dated after tomorrow (stored by an older version, or by a clock gone wrong) is not the latest:
    /// the status is judged on the last one before it, and no time in the answer goes past tomorrow.
    /// </summary>
    public async ValueTask<IReadOnlyList<LocationHistory>> GetHistoriesAsync(long userId, CancellationToken cancellationToken)
    {
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var connection = lease.Connection;
        var rows = await LocationRowsAsync(connection, userId, cancellationToken);
        var tomorrow = Now + Day;
        const string Last = """
            WITH last AS (
                SELECT l.id AS location_id,
                       CASE WHEN l.last_sample_ms <= @t THEN l.last_sample_ms
                            ELSE (SELECT MAX(x.capture_ms) FROM samples x WHERE x.location_id = l.id AND x.capture_ms <= @t) END AS at
                FROM locations l WHERE l.user_id = @u AND l.last_sample_ms IS NOT NULL)
            """;
        var latest = new Dictionary<long, CloudSample>();
        await using (var command = connection.Command(
                         null,
                         Last + """
                             SELECT s.location_id, s.capture_ms, s.light, s.fertilizer, s.air_temperature, s.soil_moisture, s.calibrated_soil_moisture, s.battery
                             FROM last JOIN samples s ON s.location_id = last.location_id AND s.capture_ms = last.at
                             """,
                         ("@u", userId), ("@t", tomorrow)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                latest[reader.GetInt64(0)] = ReadSample(reader, 1);
            }
        }

        var days = new Dictionary<long, (double? Light, double? MoistureDayBefore)>();
        await using (var command = connection.Command(
                         null,
                         Last + """
                             SELECT last.location_id,
                                    (SELECT AVG(light) FROM samples WHERE location_id = last.location_id AND capture_ms > last.at - @d AND capture_ms <= last.at AND light IS NOT NULL),
                                    (SELECT soil_moisture FROM samples WHERE location_id = last.location_id AND capture_ms <= last.at - @d AND soil_moisture IS NOT NULL
                                     ORDER BY capture_ms DESC LIMIT 1)
                             FROM last WHERE last.at IS NOT NULL
                             """,
                         ("@u", userId), ("@t", tomorrow), ("@d", Day)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                days[reader.GetInt64(0)] = (reader.NullableDouble(1), reader.NullableDouble(2));
            }
        }

        return rows.Select(row => latest.TryGetValue(row.Id, out var sample)
            ? new LocationHistory
            {
                Location = row.Location,
                TotalSampleCount = row.SampleCount,
                FirstSampleUtc = row.FirstSample,
                Latest = sample,
                LastUploadUtc = Db.Time(Math.Min(row.LastUpload?.ToUnixTimeMilliseconds() ?? sample.CaptureTime.ToUnixTimeMilliseconds(), tomorrow)),
                DailyLight = days.GetValueOrDefault(row.Id).Light,
                DryingPerDay = days.GetValueOrDefault(row.Id).MoistureDayBefore is { } before && sample.SoilMoisture is { } now ? Math.Max(0, before - now) : null,
            }
            : new LocationHistory { Location = row.Location, TotalSampleCount = row.SampleCount }).ToList();
    }

    public async ValueTask<bool> HasLocationAsync(long userId, string locationIdentifier, CancellationToken cancellationToken)
    {
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var connection = lease.Connection;
        return await LocationIdAsync(connection, null, userId, locationIdentifier, cancellationToken) is not null;
    }

    public async ValueTask<SampleWindow?> GetSamplesAsync(
        long userId, string locationIdentifier, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var connection = lease.Connection;
        const string Location = "(SELECT id FROM locations WHERE user_id = @u AND location_identifier = @i)";
        var samples = new List<CloudSample>(1024);
        await using (var command = connection.Command(
                         null,
                         $"""
                         SELECT capture_ms, light, fertilizer, air_temperature, soil_moisture, calibrated_soil_moisture, battery
                         FROM samples WHERE location_id = {Location} AND capture_ms >= @f AND capture_ms <= @t ORDER BY capture_ms
                         """,
                         ("@u", userId), ("@i", locationIdentifier), ("@f", from.ToUnixTimeMilliseconds()), ("@t", to.ToUnixTimeMilliseconds())))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                samples.Add(ReadSample(reader, 0));
            }
        }

        // No rows may mean no such location of this user: only then is the question asked.
        if (samples.Count == 0 && await LocationIdAsync(connection, null, userId, locationIdentifier, cancellationToken) is null)
        {
            return null;
        }

        var waterings = new List<DateTimeOffset>();
        await using (var command = connection.Command(
                         null, $"SELECT at_ms FROM waterings WHERE location_id = {Location} AND at_ms >= @f AND at_ms <= @t ORDER BY at_ms",
                         ("@u", userId), ("@i", locationIdentifier), ("@f", from.ToUnixTimeMilliseconds()), ("@t", to.ToUnixTimeMilliseconds())))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                waterings.Add(Db.Time(reader.GetInt64(0)));
            }
        }

        // Nothing the server holds is recomputed later, as the cloud's fresh values were: all before now is final.
        return new SampleWindow(samples, waterings, Time.GetUtcNow());
    }

    /// <summary>How many samples one write transaction takes: short enough that a sign-in waiting for SQLite's write lock never waits long.</summary>
    public const int SamplesPerTransaction = 5_000;

    public async ValueTask StoreUploadAsync(long userId, SampleUploadRequest request, IReadOnlyList<SensorUploadBatch> batches, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var connection = lease.Connection;

        // Every sensor is checked before anything is written: an upload naming another garden's sensor stores nothing.
        var locations = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var serial in batches.Select(b => b.SensorSerial).Distinct(StringComparer.Ordinal))
        {
            locations[serial] = await SensorLocationAsync(connection, null, userId, serial, cancellationToken) ?? throw UploadRefusal.SensorNotMine(serial);
        }

        // The body first, then each sensor's samples in short transactions, locations in ascending id order (two uploads
        // naming the same sensors in opposite order take their locks in the same order). A sensor's index advances with
        // its last samples, so a bridge cut off half-way sends again what did not land.
        await using (var transaction = await database.BeginWriteAsync(connection, cancellationToken))
        {
            await connection.ExecuteAsync(transaction, "INSERT INTO uploads (user_id, kind, received_ms, body, body_gzip) VALUES (@u, 'sample', @t, '', @b)", cancellationToken,
                ("@u", userId), ("@t", now), ("@b", UploadBodies.Compress(request.RawJson)));
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var batch in batches.OrderBy(b => locations[b.SensorSerial]))
        {
            var location = locations[batch.SensorSerial];
            var rows = batch.Samples.Select(SampleRow.From).ToList();
            for (var start = 0; start < rows.Count || start == 0; start += SamplesPerTransaction)
            {
                var chunk = rows.GetRange(start, Math.Min(SamplesPerTransaction, rows.Count - start));
                var last = start + SamplesPerTransaction >= rows.Count;
                await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
                var added = await database.InsertSamplesAsync(connection, transaction, location, chunk, cancellationToken);
                await CountAddedAsync(connection, transaction, location, added, chunk, cancellationToken);
                if (last)
                {
                    await connection.ExecuteAsync(
                        transaction,
                        """
                        UPDATE locations SET last_upload_ms = @t,
                            current_history_index = CASE WHEN current_history_index > @i THEN current_history_index ELSE @i END
                        WHERE id = @l
                        """,
                        cancellationToken,
                        ("@t", batch.UploadUtc.ToUnixTimeMilliseconds()), ("@i", batch.CurrentHistoryIndex), ("@l", location));
                    await connection.ExecuteAsync(transaction, "UPDATE users SET status_version = status_version + 1 WHERE id = @u", cancellationToken, ("@u", userId));
                }

                await transaction.CommitAsync(cancellationToken);
            }
        }

        if (batches.Count == 0)
        {
            await connection.ExecuteAsync(null, "UPDATE users SET status_version = status_version + 1 WHERE id = @u", cancellationToken, ("@u", userId));
        }
    }

    public async ValueTask StoreStatusUpdatesAsync(long userId, string rawJson, IReadOnlyList<StatusUpdate> updates, CancellationToken cancellationToken)
    {
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var connection = lease.Connection;
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        foreach (var update in updates)
        {
            if (await LocationIdAsync(connection, transaction, userId, update.LocationIdentifier, cancellationToken) is null)
            {
                throw UploadRefusal.LocationNotMine(update.LocationIdentifier);
            }
        }

        await connection.ExecuteAsync(transaction, "INSERT INTO uploads (user_id, kind, received_ms, body, body_gzip) VALUES (@u, 'status', @t, '', @b)", cancellationToken,
            ("@u", userId), ("@t", Now), ("@b", UploadBodies.Compress(rawJson)));
        await connection.ExecuteAsync(transaction, "UPDATE users SET status_version = status_version + 1 WHERE id = @u", cancellationToken, ("@u", userId));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Writes a new pair of <paramref name="family"/>, after clearing tokens that expired a day ago.</summary>
    private async Task<IssuedTokens> InsertPairAsync(
        DbConnection connection, DbTransaction transaction, long userId, string clientId, string family, CancellationToken cancellationToken)
    {
        var access = CloudTokens.New();
        var refresh = CloudTokens.New();
        var now = Now;
        await connection.ExecuteAsync(transaction, "DELETE FROM tokens WHERE expires_ms < @t", cancellationToken, ("@t", now - Day));
        const string insert = "INSERT INTO tokens (token_hash, kind, user_id, expires_ms, client_id, family) VALUES (@h, @k, @u, @e, @c, @f)";
        await connection.ExecuteAsync(transaction, insert, cancellationToken,
            ("@h", SecretHasher.HashToken(access)), ("@k", "access"), ("@u", userId), ("@e", now + (long)tokenLifetime.TotalMilliseconds), ("@c", clientId), ("@f", family));
        await connection.ExecuteAsync(transaction, insert, cancellationToken,
            ("@h", SecretHasher.HashToken(refresh)), ("@k", "refresh"), ("@u", userId), ("@e", now + (long)RefreshTokenLifetime.TotalMilliseconds), ("@c", clientId), ("@f", family));
        return new IssuedTokens(access, refresh, tokenLifetime);
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

    public static async Task<CloudVersions> VersionsAsync(DbConnection connection, DbTransaction? transaction, long user, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(transaction, "SELECT config_version, status_version FROM users WHERE id = @u", ("@u", user));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new CloudVersions(reader.GetInt64(0), reader.GetInt64(1)) : new CloudVersions(0, 0);
    }

    /// <summary>The user's location that holds the sensor <paramref name="serial"/>, or null.</summary>
    public static Task<long?> SensorLocationAsync(DbConnection connection, DbTransaction? transaction, long user, string serial, CancellationToken cancellationToken) =>
        connection.ScalarAsync<long?>(transaction, "SELECT id FROM locations WHERE user_id = @u AND sensor_serial = @s", cancellationToken, ("@u", user), ("@s", serial));

    private static Task<long?> LocationIdAsync(DbConnection connection, DbTransaction? transaction, long user, string identifier, CancellationToken cancellationToken) =>
        connection.ScalarAsync<long?>(transaction, "SELECT id FROM locations WHERE user_id = @u AND location_identifier = @i", cancellationToken, ("@u", user), ("@i", identifier));

    private static CloudSample ReadSample(DbDataReader reader, int first) => new(
        Db.Time(reader.GetInt64(first)),
        reader.NullableDouble(first + 1),
        reader.NullableDouble(first + 2),
        reader.NullableDouble(first + 3),
        reader.NullableDouble(first + 4),
        reader.NullableDouble(first + 5),
        reader.NullableDouble(first + 6));

    private static async Task<List<LocationRow>> LocationRowsAsync(DbConnection connection, long userId, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(null, $"SELECT {LocationColumns} FROM locations WHERE user_id = @u ORDER BY id", ("@u", userId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<LocationRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var created = Db.Time(reader.GetInt64(4));
            var sensor = reader.NullableString(7) is { } sensorIdentifier
                ? new CloudSensor(
                    reader.NullableString(6) ?? sensorIdentifier,
                    sensorIdentifier,
                    6,
                    reader.NullableString(8) ?? string.Empty,
                    reader.NullableTime(9) ?? created,
                    WireFormat.FirmwareVersion,
                    WireFormat.HardwareRevision,
                    Math.Max(reader.GetInt64(10), reader.GetInt64(18) + 1))
                : null;
            var location = new CloudLocation
            {
                LocationIdentifier = reader.GetString(1),
                PlantNickname = reader.GetString(2),
                PlantId = reader.NullableLong(3),
                PlantAssignedAt = created,
                IsIndoor = reader.GetInt64(5) != 0,

                // The cloud always sent coordinates; a self-hosted garden has none, and 0 is what the app showed then.
                Latitude = 0,
                Longitude = 0,
                Sensor = sensor,
                Thresholds = new PlantThresholds
                {
                    TemperatureMin = reader.GetDouble(11),
                    TemperatureMax = reader.GetDouble(12),
                    LightMin = reader.GetDouble(13),
                    LightMax = reader.GetDouble(14),
                    FertilizerMin = reader.GetDouble(15),
                    FertilizerMax = reader.GetDouble(16),
                    MoistureMin = reader.GetDouble(17),
                },
            };
            rows.Add(new LocationRow(reader.GetInt64(0), location, reader.GetInt64(18), reader.NullableTime(19), reader.NullableLong(20), reader.NullableTime(21)));
        }

        return rows;
    }

    private sealed record LocationRow(long Id, CloudLocation Location, long SampleCount, DateTimeOffset? FirstSample, long? LastSampleMs, DateTimeOffset? LastUpload);
}
