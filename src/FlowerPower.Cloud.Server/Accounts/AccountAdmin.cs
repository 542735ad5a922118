using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Server.Accounts;

/// <summary>The administration commands: users, client keys and locations.</summary>
internal sealed class AccountAdmin(CloudDatabase database, TimeProvider time)
{
    public async Task<long> AddUserAsync(string email, string password, string timeZone, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            throw new AdminException($"'{email}' is not an email address", isBadArgument: true);
        }

        if (password.Length < 8)
        {
            throw new AdminException("the password must have at least 8 characters", isBadArgument: true);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        if (await connection.ScalarAsync<long?>(transaction, "SELECT id FROM users WHERE email = @e", cancellationToken, ("@e", Normalize(email))) is not null)
        {
            throw new AdminException($"a user {Normalize(email)} exists already");
        }

        var id = await connection.ScalarAsync<long>(
            transaction,
            "INSERT INTO users (email, password_hash, time_zone, created_ms) VALUES (@e, @p, @z, @c) RETURNING id",
            cancellationToken,
            ("@e", Normalize(email)),
            ("@p", SecretHasher.HashPassword(password)),
            ("@z", timeZone),
            ("@c", time.GetUtcNow().ToUnixTimeMilliseconds()));
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task AddClientAsync(string clientId, string secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(clientId))
        {
            throw new AdminException("the client id is empty", isBadArgument: true);
        }

        if (secret.Length < 8)
        {
            throw new AdminException("the client secret must have at least 8 characters", isBadArgument: true);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        if (await connection.ScalarAsync<string?>(transaction, "SELECT client_id FROM clients WHERE client_id = @c", cancellationToken, ("@c", clientId)) is not null)
        {
            throw new AdminException($"a client {clientId} exists already");
        }

        await connection.ExecuteAsync(
            transaction,
            "INSERT INTO clients (client_id, secret_hash, created_ms) VALUES (@c, @s, @t)",
            cancellationToken,
            ("@c", clientId),
            ("@s", SecretHasher.HashClientSecret(secret)),
            ("@t", time.GetUtcNow().ToUnixTimeMilliseconds()));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Adds a location with a sensor to a user's garden; returns its identifier. The sensor's calibration data (the
    /// hex string the cloud's configuration carried) is kept for converting its raw readings once a fit is known.
    /// </summary>
    public async Task<string> AddLocationAsync(
        string email, string nickname, string? sensorSerial, long? plantId, bool isIndoor, CancellationToken cancellationToken, string? calibrationData = null)
    {
        if (string.IsNullOrWhiteSpace(nickname))
        {
            throw new AdminException("the nickname is empty", isBadArgument: true);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var user = await UserIdAsync(connection, transaction, email, cancellationToken);
        if (sensorSerial is not null &&
            await connection.ScalarAsync<long?>(transaction, "SELECT id FROM locations WHERE sensor_serial = @s", cancellationToken, ("@s", sensorSerial)) is not null)
        {
            throw new AdminException($"sensor {sensorSerial} is assigned to a location already");
        }

        var identifier = await InsertLocationAsync(
            connection, transaction, user, nickname, sensorSerial, sensorSerial is null ? null : LocationIdentifiers.SensorName(sensorSerial), plantId, isIndoor, time.GetUtcNow(), cancellationToken, calibrationData);
        await transaction.CommitAsync(cancellationToken);
        return identifier;
    }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public static async Task<long> UserIdAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string email, CancellationToken cancellationToken) =>
        await connection.ScalarAsync<long?>(transaction, "SELECT id FROM users WHERE email = @e", cancellationToken, ("@e", Normalize(email)))
        ?? throw new AdminException($"there is no user {Normalize(email)}; add one with 'users add'");

    /// <summary>Inserts a location and grows its user's configuration version.</summary>
    public static async Task<string> InsertLocationAsync(
        System.Data.Common.DbConnection connection,
        System.Data.Common.DbTransaction transaction,
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
}
