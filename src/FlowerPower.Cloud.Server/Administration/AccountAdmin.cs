using FlowerPower.Cloud.Server.Accounts;
using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Server.Administration;

/// <summary>The administration commands: users, client keys and locations.</summary>
internal sealed class AccountAdmin(CloudDatabase database, TimeProvider time)
{
    public async Task<long> AddUserAsync(string email, string password, string timeZone, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            throw new AdminException($"'{email}' is not an email address", isBadArgument: true);
        }

        if (AccountNames.Problem(email, "email") is { } forged)
        {
            throw new AdminException(forged, isBadArgument: true);
        }

        CheckPassword(password);
        timeZone = TimeZone(timeZone);
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

    /// <summary>
    /// Changes a user's time zone, temperature unit (<c>celsius</c> or <c>fahrenheit</c>) and light unit (<c>lux</c>,
    /// <c>mol</c> or <c>ftc</c>); what is null stays. Their apps, the web garden and Home Assistant see the change at
    /// their next read: both versions grow. Returns the one line that says what the user's settings are now.
    /// </summary>
    public async Task<string> SetUserAsync(string email, string? timeZone, string? temperature, string? light, CancellationToken cancellationToken)
    {
        if (timeZone is null && temperature is null && light is null)
        {
            throw new AdminException("nothing to change: give --time-zone, --temperature or --light", isBadArgument: true);
        }

        timeZone = timeZone is null ? null : TimeZone(timeZone);
        int? fahrenheit = temperature switch
        {
            null => null,
            "celsius" => 0,
            "fahrenheit" => 1,
            _ => throw new AdminException($"'{temperature}' is not a temperature unit: celsius or fahrenheit", isBadArgument: true),
        };
        if (light is not null && !LightUnits.Contains(light, StringComparer.Ordinal))
        {
            throw new AdminException($"'{light}' is not a light unit: {string.Join(", ", LightUnits)}", isBadArgument: true);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var user = await UserIdAsync(connection, transaction, email, cancellationToken);
        var changes = new List<(string Column, object Value)>();
        if (timeZone is not null)
        {
            changes.Add(("time_zone", timeZone));
        }

        if (fahrenheit is not null)
        {
            changes.Add(("use_fahrenheit", fahrenheit.Value));
        }

        if (light is not null)
        {
            changes.Add(("light_unit", light));
        }

        await connection.ExecuteAsync(
            transaction,
            $"UPDATE users SET {string.Concat(changes.Select((c, i) => $"{c.Column} = @p{i}, "))}config_version = config_version + 1, status_version = status_version + 1 WHERE id = @u",
            cancellationToken,
            [.. changes.Select((c, i) => ($"@p{i}", (object?)c.Value)), ("@u", user)]);
        await transaction.CommitAsync(cancellationToken);
        var now = await LinesAsync(
            "SELECT time_zone, use_fahrenheit, light_unit FROM users WHERE id = @u",
            r => $"time zone {r.GetString(0)}, temperatures in {(r.GetInt64(1) != 0 ? "fahrenheit" : "celsius")}, light in {r.GetString(2)}",
            cancellationToken,
            ("@u", user));
        return $"set {Normalize(email)}: {now[0]}";
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
        string email, string nickname, string? sensorSerial, long? plantId, bool isIndoor, CancellationToken cancellationToken, string? calibrationData = null, string? sensorName = null)
    {
        CheckNickname(nickname);
        sensorSerial = sensorSerial is null ? null : SensorSerial(sensorSerial);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var user = await UserIdAsync(connection, transaction, email, cancellationToken);
        if (sensorSerial is not null &&
            await connection.ScalarAsync<long?>(transaction, "SELECT id FROM locations WHERE sensor_serial = @s", cancellationToken, ("@s", sensorSerial)) is not null)
        {
            throw new AdminException($"sensor {sensorSerial} is assigned to a location already");
        }

        var identifier = await LocationRecords.InsertAsync(
            connection, transaction, user, nickname, sensorSerial, string.IsNullOrWhiteSpace(sensorName) ? null : sensorName.Trim(), plantId, isIndoor, time.GetUtcNow(), cancellationToken, calibrationData);
        await transaction.CommitAsync(cancellationToken);
        return identifier;
    }

    /// <summary>
    /// Changes what is given of one of a user's locations, keeping its samples: its nickname, its sensor (an imported
    /// plant gets its real serial, and the advertised name it was imported by stays its sensor's name, so a later
    /// import or a bridge that sends the name still finds it), the plant, indoors or out. The garden's configuration
    /// version grows, so the apps and the MQTT publisher see the change.
    /// </summary>
    public async Task<string> SetLocationAsync(
        string email, string locationIdentifier, string? nickname, string? sensorSerial, string? sensorName, long? plantId, bool? isIndoor, CancellationToken cancellationToken)
    {
        if (nickname is null && sensorSerial is null && sensorName is null && plantId is null && isIndoor is null)
        {
            throw new AdminException("give what to change: --nickname, --sensor, --sensor-name, --plant-id, --indoor or --outdoor", isBadArgument: true);
        }

        if (nickname is not null)
        {
            CheckNickname(nickname);
        }

        var serial = sensorSerial is null ? null : SensorSerial(sensorSerial);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var user = await UserIdAsync(connection, transaction, email, cancellationToken);
        string? oldSerial = null;
        string? oldName = null;
        long? location = null;
        await using (var command = connection.Command(
            transaction, "SELECT id, sensor_serial, sensor_identifier FROM locations WHERE user_id = @u AND location_identifier = @i" + database.LockRow, ("@u", user), ("@i", locationIdentifier)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                (location, oldSerial, oldName) = (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
            }
        }

        if (location is null)
        {
            throw NoSuchLocation(email, locationIdentifier);
        }

        if (serial is not null && serial != oldSerial)
        {
            if (await connection.ScalarAsync<long?>(transaction, "SELECT id FROM locations WHERE sensor_serial = @s AND id <> @l", cancellationToken, ("@s", serial), ("@l", location)) is not null)
            {
                throw new AdminException($"sensor {serial} is assigned to another location already");
            }

            // A location imported by the sensor's advertised name held that name as its serial: it stays as the name.
            var keptName = sensorName ?? oldName ?? (oldSerial is not null && !IsSensorSerial(oldSerial) ? oldSerial : null);
            await connection.ExecuteAsync(
                transaction, "UPDATE locations SET sensor_serial = @s, sensor_identifier = @n, sensor_assigned_ms = @t WHERE id = @l", cancellationToken,
                ("@s", serial), ("@n", keptName), ("@t", time.GetUtcNow().ToUnixTimeMilliseconds()), ("@l", location));
        }
        else if (sensorName is not null)
        {
            await connection.ExecuteAsync(transaction, "UPDATE locations SET sensor_identifier = @n WHERE id = @l", cancellationToken, ("@n", sensorName.Trim()), ("@l", location));
        }

        if (nickname is not null)
        {
            await connection.ExecuteAsync(transaction, "UPDATE locations SET nickname = @n WHERE id = @l", cancellationToken, ("@n", nickname.Trim()), ("@l", location));
        }

        if (plantId is not null)
        {
            await connection.ExecuteAsync(transaction, "UPDATE locations SET plant_id = @p WHERE id = @l", cancellationToken, ("@p", plantId), ("@l", location));
        }

        if (isIndoor is not null)
        {
            await connection.ExecuteAsync(transaction, "UPDATE locations SET is_indoor = @i WHERE id = @l", cancellationToken, ("@i", isIndoor.Value ? 1 : 0), ("@l", location));
        }

        await connection.ExecuteAsync(transaction, "UPDATE users SET config_version = config_version + 1, status_version = status_version + 1 WHERE id = @u", cancellationToken, ("@u", user));
        await transaction.CommitAsync(cancellationToken);
        return $"changed location {locationIdentifier}" + (serial is null ? string.Empty : $": its sensor is {serial}");
    }

    /// <summary>
    /// A sensor's serial as the sensor reports it (upper case letters and digits, 8 to 32 of them, like
    /// <c>PI040307AD5G200185</c>); anything else, such as the "6333" of a name, is refused.
    /// </summary>
    /// <exception cref="AdminException">It does not have that shape (a bad argument).</exception>
    public static string SensorSerial(string text)
    {
        var serial = text.Trim().ToUpperInvariant();
        return IsSensorSerial(serial)
            ? serial
            : throw new AdminException(
                $"'{text.Trim()}' is not a sensor's serial (8 to 32 letters and digits, like PI040307AD5G200185: 'flowerpower-bridge scan' shows it); " +
                "a name like \"Flower power 6333\" goes in --sensor-name", isBadArgument: true);
    }

    /// <exception cref="AdminException">The nickname is empty or holds what could forge a line (a bad argument).</exception>
    private static void CheckNickname(string nickname)
    {
        if (string.IsNullOrWhiteSpace(nickname))
        {
            throw new AdminException("the nickname is empty", isBadArgument: true);
        }

        if (AccountNames.Problem(nickname, "nickname") is { } forged)
        {
            throw new AdminException(forged, isBadArgument: true);
        }
    }

    private static bool IsSensorSerial(string serial) => serial.Length is >= 8 and <= 32 && serial.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    /// <summary>Every user, one line each: email, time zone, locations, samples, when added.</summary>
    public async Task<IReadOnlyList<string>> ListUsersAsync(CancellationToken cancellationToken) => await LinesAsync(
        """
        SELECT u.email, u.time_zone, COUNT(l.id), COALESCE(SUM(l.sample_count), 0), u.created_ms
        FROM users u LEFT JOIN locations l ON l.user_id = u.id GROUP BY u.id, u.email, u.time_zone, u.created_ms ORDER BY u.email
        """,
        r => $"{r.GetString(0)}  {r.GetString(1)}  {r.GetInt64(2)} location(s)  {r.GetInt64(3)} samples  added {Day(r.GetInt64(4))}",
        cancellationToken);

    /// <summary>Sets a user's password and signs the user out everywhere (every token revoked).</summary>
    public async Task SetPasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        CheckPassword(password);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var user = await UserIdAsync(connection, transaction, email, cancellationToken);
        await connection.ExecuteAsync(transaction, "UPDATE users SET password_hash = @p WHERE id = @u", cancellationToken, ("@p", SecretHasher.HashPassword(password)), ("@u", user));
        await connection.ExecuteAsync(transaction, "DELETE FROM tokens WHERE user_id = @u", cancellationToken, ("@u", user));
        await connection.ExecuteAsync(transaction, "DELETE FROM web_sessions WHERE user_id = @u", cancellationToken, ("@u", user));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>What removing a user would delete: locations and samples.</summary>
    public async Task<(long Locations, long Samples)> UserFootprintAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var user = await UserIdAsync(connection, null, email, cancellationToken);
        var locations = await connection.ScalarAsync<long>(null, "SELECT COUNT(*) FROM locations WHERE user_id = @u", cancellationToken, ("@u", user));
        var samples = await connection.ScalarAsync<long?>(null, "SELECT SUM(sample_count) FROM locations WHERE user_id = @u", cancellationToken, ("@u", user)) ?? 0;
        return (locations, samples);
    }

    /// <summary>Removes a user with everything of theirs: locations, samples, waterings, tokens and upload bodies.</summary>
    public async Task RemoveUserAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var user = await UserIdAsync(connection, transaction, email, cancellationToken);
        const string Mine = "(SELECT id FROM locations WHERE user_id = @u)";
        foreach (var statement in new[]
                 {
                     $"DELETE FROM samples WHERE location_id IN {Mine}", $"DELETE FROM waterings WHERE location_id IN {Mine}", "DELETE FROM locations WHERE user_id = @u",
                     "DELETE FROM tokens WHERE user_id = @u", "DELETE FROM web_sessions WHERE user_id = @u", "DELETE FROM uploads WHERE user_id = @u", "DELETE FROM users WHERE id = @u",
                 })
        {
            await connection.ExecuteAsync(transaction, statement, cancellationToken, ("@u", user));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Every client, one line each: its id and when it was added.</summary>
    public async Task<IReadOnlyList<string>> ListClientsAsync(CancellationToken cancellationToken) => await LinesAsync(
        "SELECT client_id, created_ms FROM clients ORDER BY client_id",
        r => $"{r.GetString(0)}  added {Day(r.GetInt64(1))}{(r.GetString(0) == WebClientCredentials.ClientId ? "  (the web garden's own)" : string.Empty)}",
        cancellationToken);

    /// <summary>Removes a client; the tokens issued to it stop working.</summary>
    public async Task RemoveClientAsync(string clientId, CancellationToken cancellationToken)
    {
        if (clientId == WebClientCredentials.ClientId)
        {
            throw new AdminException($"{clientId} is the web garden's own client; serve with --no-web to turn the web garden off", isBadArgument: true);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        if (await connection.ExecuteAsync(transaction, "DELETE FROM clients WHERE client_id = @c", cancellationToken, ("@c", clientId)) == 0)
        {
            throw new AdminException($"there is no client {clientId}");
        }

        await connection.ExecuteAsync(transaction, "DELETE FROM tokens WHERE client_id = @c", cancellationToken, ("@c", clientId));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Revokes every token of a user (every device signs in again); returns how many.</summary>
    public async Task<long> RevokeTokensAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var user = await UserIdAsync(connection, transaction, email, cancellationToken);
        var revoked = await connection.ExecuteAsync(transaction, "DELETE FROM tokens WHERE user_id = @u", cancellationToken, ("@u", user));
        await connection.ExecuteAsync(transaction, "DELETE FROM web_sessions WHERE user_id = @u", cancellationToken, ("@u", user));
        await transaction.CommitAsync(cancellationToken);
        return revoked;
    }

    /// <summary>A user's locations, one line each: identifier, nickname, sensor, samples, last sample.</summary>
    public async Task<IReadOnlyList<string>> ListLocationsAsync(string email, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await UserIdAsync(connection, null, email, cancellationToken);
        }

        return await LinesAsync(
            """
            SELECT l.location_identifier, l.nickname, l.sensor_serial, l.sample_count, l.last_sample_ms
            FROM locations l JOIN users u ON u.id = l.user_id WHERE u.email = @e ORDER BY l.id
            """,
            r => $"{r.GetString(0)}  {r.GetString(1)}  {(r.IsDBNull(2) ? "no sensor" : r.GetString(2))}  {r.GetInt64(3)} samples" +
                 (r.IsDBNull(4) ? string.Empty : FormattableString.Invariant($"  last {Storage.Db.Time(r.GetInt64(4)):yyyy-MM-dd HH:mm} UTC")),
            cancellationToken,
            ("@e", Normalize(email)));
    }

    /// <summary>Removes one of a user's locations with its samples and waterings.</summary>
    public async Task RemoveLocationAsync(string email, string locationIdentifier, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var user = await UserIdAsync(connection, transaction, email, cancellationToken);
        var location = await connection.ScalarAsync<long?>(
            transaction, "SELECT id FROM locations WHERE user_id = @u AND location_identifier = @i" + database.LockRow, cancellationToken, ("@u", user), ("@i", locationIdentifier))
            ?? throw NoSuchLocation(email, locationIdentifier);
        await LocationRecords.RemoveAsync(connection, transaction, user, location, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public static string Normalize(string email) => AccountNames.Normalize(email);

    public static async Task<long> UserIdAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, string email, CancellationToken cancellationToken) =>
        await UserRecords.ByEmailAsync(connection, transaction, email, cancellationToken)
        ?? throw new AdminException($"there is no user {Normalize(email)}; add one with 'users add'");

    /// <summary>The refusal of a location the user's garden does not have, with the command that lists the ones it has.</summary>
    public static AdminException NoSuchLocation(string email, string locationIdentifier) =>
        new($"{Normalize(email)} has no location {locationIdentifier}; 'locations list --user {Normalize(email)}' shows them");

    /// <summary>The units <c>users set --light</c> takes, as the profile's <c>use_lux</c>, <c>use_mol</c> and <c>use_ftc</c> name them.</summary>
    public static readonly string[] LightUnits = ["lux", "mol", "ftc"];

    /// <summary>The IANA (or Windows) time zone <paramref name="text"/> names, as the machine knows it.</summary>
    /// <exception cref="AdminException">No such time zone (a bad argument).</exception>
    private static string TimeZone(string text)
    {
        var zone = text.Trim();
        return zone.Length > 0 && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)
            ? zone
            : throw new AdminException($"'{text.Trim()}' is not a time zone this machine knows: give an IANA name like Europe/Budapest or America/New_York, or UTC", isBadArgument: true);
    }

    private static void CheckPassword(string password)
    {
        if (password.Length < 8)
        {
            throw new AdminException("the password must have at least 8 characters", isBadArgument: true);
        }
    }

    private static string Day(long unixMilliseconds) => Storage.Db.Time(unixMilliseconds).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<IReadOnlyList<string>> LinesAsync(
        string sql, Func<System.Data.Common.DbDataReader, string> line, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(line(reader));
        }

        return lines;
    }
}
