using System.Data.Common;
using FlowerPower.Cloud.Emulator.Cloud;
using FlowerPower.Cloud.Emulator.Cloud.Uploads;
using FlowerPower.Cloud.Emulator.Wire;
using FlowerPower.Cloud.Server.Accounts;

namespace FlowerPower.Cloud.Server.Storage;

/// <summary>
/// The server's store: the cloud's wire over a database. Every read names its user and filters by it, so another
/// user's location is as unknown as one that does not exist. Tokens are kept as hashes; a refresh token is consumed
/// by a single <c>DELETE ... RETURNING</c>, so two instances cannot both redeem it.
/// </summary>
internal sealed class SqlCloudStore(CloudDatabase database, TimeProvider time, TimeSpan tokenLifetime) : ICloudStore
{
    /// <summary>How long a refresh token can be redeemed.</summary>
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(90);

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
        await using var connection = await database.OpenAsync(cancellationToken);
        var hash = await connection.ScalarAsync<string?>(null, "SELECT secret_hash FROM clients WHERE client_id = @c", cancellationToken, ("@c", clientId));
        return hash is not null && SecretHasher.VerifySecret(clientSecret, hash);
    }

    public async ValueTask<long?> FindUserAsync(string username, string password, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, "SELECT id, password_hash FROM users WHERE email = @e", ("@e", AccountAdmin.Normalize(username)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && SecretHasher.VerifySecret(password, reader.GetString(1)) ? reader.GetInt64(0) : null;
    }

    public async ValueTask<IssuedTokens> IssueTokensAsync(long userId, CancellationToken cancellationToken)
    {
        var access = SecretHasher.NewToken();
        var refresh = SecretHasher.NewToken();
        var now = Now;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(transaction, "DELETE FROM tokens WHERE expires_ms < @t", cancellationToken, ("@t", now - Day));
        const string insert = "INSERT INTO tokens (token_hash, kind, user_id, expires_ms) VALUES (@h, @k, @u, @e)";
        await connection.ExecuteAsync(transaction, insert, cancellationToken,
            ("@h", SecretHasher.HashToken(access)), ("@k", "access"), ("@u", userId), ("@e", now + (long)tokenLifetime.TotalMilliseconds));
        await connection.ExecuteAsync(transaction, insert, cancellationToken,
            ("@h", SecretHasher.HashToken(refresh)), ("@k", "refresh"), ("@u", userId), ("@e", now + (long)RefreshTokenLifetime.TotalMilliseconds));
        await transaction.CommitAsync(cancellationToken);
        return new IssuedTokens(access, refresh, tokenLifetime);
    }

    public async ValueTask<long?> RedeemRefreshTokenAsync(string refreshToken, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ScalarAsync<long?>(
            null,
            "DELETE FROM tokens WHERE token_hash = @h AND kind = 'refresh' AND expires_ms > @t RETURNING user_id",
            cancellationToken,
            ("@h", SecretHasher.HashToken(refreshToken)),
            ("@t", Now));
    }

    public async ValueTask<long?> FindUserByAccessTokenAsync(string accessToken, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
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

        await using var connection = await database.OpenAsync(cancellationToken);
        return await VersionsAsync(connection, null, userId.Value, cancellationToken);
    }

    public async ValueTask<CloudProfile> GetProfileAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, "SELECT email, time_zone, use_fahrenheit FROM users WHERE id = @u", ("@u", userId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new CloudProfile(reader.GetString(0), reader.GetString(1), UseFahrenheit: reader.GetInt64(2) != 0, DeviceModel: "FlowerPower.Cloud.Server");
    }

    public async ValueTask<IReadOnlyList<CloudLocation>> GetLocationsAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await LocationRowsAsync(connection, userId, cancellationToken)).Select(r => r.Location).ToList();
    }

    public async ValueTask<IReadOnlyList<LocationHistory>> GetHistoriesAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await LocationRowsAsync(connection, userId, cancellationToken);
        var histories = new List<LocationHistory>(rows.Count);
        foreach (var row in rows)
        {
            histories.Add(await HistoryAsync(connection, row, cancellationToken));
        }

        return histories;
    }

    public async ValueTask<bool> HasLocationAsync(long userId, string locationIdentifier, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await LocationIdAsync(connection, null, userId, locationIdentifier, cancellationToken) is not null;
    }

    public async ValueTask<SampleWindow?> GetSamplesAsync(
        long userId, string locationIdentifier, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
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
                waterings.Add(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)));
            }
        }

        // Nothing the server holds is recomputed later, as the cloud's fresh values were: all before now is final.
        return new SampleWindow(samples, waterings, Time.GetUtcNow());
    }

    public async ValueTask StoreUploadAsync(long userId, SampleUploadRequest request, IReadOnlyList<SensorUploadBatch> batches, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(transaction, "INSERT INTO uploads (user_id, kind, received_ms, body) VALUES (@u, 'sample', @t, @b)", cancellationToken,
            ("@u", userId), ("@t", now), ("@b", request.RawJson));
        foreach (var batch in batches)
        {
            var location = await connection.ScalarAsync<long?>(
                transaction, "SELECT id FROM locations WHERE user_id = @u AND sensor_serial = @s", cancellationToken, ("@u", userId), ("@s", batch.SensorSerial))
                ?? throw new UploadRefusal(9070, $"Garden location not mine: no location of this garden has sensor {batch.SensorSerial}");
            await database.InsertSamplesAsync(connection, transaction, location, batch.Samples.Select(SampleRow.From).ToList(), cancellationToken);
            await RecountAsync(connection, transaction, location, cancellationToken);
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

        await connection.ExecuteAsync(transaction, "UPDATE users SET status_version = status_version + 1 WHERE id = @u", cancellationToken, ("@u", userId));
        await transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask StoreStatusUpdatesAsync(long userId, string rawJson, IReadOnlyList<StatusUpdate> updates, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        foreach (var update in updates)
        {
            if (await LocationIdAsync(connection, transaction, userId, update.LocationIdentifier, cancellationToken) is null)
            {
                throw new UploadRefusal(9070, $"Garden location not mine: {update.LocationIdentifier}");
            }
        }

        await connection.ExecuteAsync(transaction, "INSERT INTO uploads (user_id, kind, received_ms, body) VALUES (@u, 'status', @t, @b)", cancellationToken,
            ("@u", userId), ("@t", Now), ("@b", rawJson));
        await connection.ExecuteAsync(transaction, "UPDATE users SET status_version = status_version + 1 WHERE id = @u", cancellationToken, ("@u", userId));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Brings a location's sample count and first and last capture times up to date after samples were added.</summary>
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

    private static Task<long?> LocationIdAsync(DbConnection connection, DbTransaction? transaction, long user, string identifier, CancellationToken cancellationToken) =>
        connection.ScalarAsync<long?>(transaction, "SELECT id FROM locations WHERE user_id = @u AND location_identifier = @i", cancellationToken, ("@u", user), ("@i", identifier));

    private static CloudSample ReadSample(DbDataReader reader, int first) => new(
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(first)),
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
            var created = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4));
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

    /// <summary>The latest sample, the day's mean light before it, and how fast the soil dried over that day.</summary>
    private static async Task<LocationHistory> HistoryAsync(DbConnection connection, LocationRow row, CancellationToken cancellationToken)
    {
        if (row.LastSampleMs is not { } last)
        {
            return new LocationHistory { Location = row.Location, TotalSampleCount = row.SampleCount };
        }

        CloudSample latest;
        await using (var command = connection.Command(
                         null,
                         "SELECT capture_ms, light, fertilizer, air_temperature, soil_moisture, calibrated_soil_moisture, battery FROM samples WHERE location_id = @l AND capture_ms = @t",
                         ("@l", row.Id), ("@t", last)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            latest = ReadSample(reader, 0);
        }

        var dailyLight = await connection.ScalarAsync<double?>(
            null, "SELECT AVG(light) FROM samples WHERE location_id = @l AND capture_ms > @f AND capture_ms <= @t AND light IS NOT NULL",
            cancellationToken, ("@l", row.Id), ("@f", last - Day), ("@t", last));
        var dayBefore = await connection.ScalarAsync<double?>(
            null, "SELECT soil_moisture FROM samples WHERE location_id = @l AND capture_ms <= @t AND soil_moisture IS NOT NULL ORDER BY capture_ms DESC LIMIT 1",
            cancellationToken, ("@l", row.Id), ("@t", last - Day));
        return new LocationHistory
        {
            Location = row.Location,
            TotalSampleCount = row.SampleCount,
            FirstSampleUtc = row.FirstSample,
            Latest = latest,
            LastUploadUtc = row.LastUpload ?? DateTimeOffset.FromUnixTimeMilliseconds(last),
            DailyLight = dailyLight,
            DryingPerDay = dayBefore is { } before && latest.SoilMoisture is { } now ? Math.Max(0, before - now) : null,
        };
    }

    private sealed record LocationRow(long Id, CloudLocation Location, long SampleCount, DateTimeOffset? FirstSample, long? LastSampleMs, DateTimeOffset? LastUpload);
}
