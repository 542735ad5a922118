using System.Data.Common;
using FlowerPower.Cloud.Wire;
using FlowerPower.Cloud.Wire.Writers;

namespace FlowerPower.Cloud.Server.Storage;

/// <summary>
/// The garden as the wire reads it: versions, profile, locations, each location's history for its status, and a
/// window of samples with its waterings. Every read names its user and filters by it, so another user's location is
/// as unknown as one that does not exist.
/// </summary>
internal sealed class GardenReader(CloudDatabase database, TimeProvider time)
{
    private const long Day = 86_400_000;

    private const string LocationColumns = """
        id, location_identifier, nickname, plant_id, created_ms, is_indoor, sensor_serial, sensor_identifier, calibration_data,
        sensor_assigned_ms, current_history_index, temperature_min, temperature_max, light_min, light_max, fertilizer_min,
        fertilizer_max, moisture_min, sample_count, first_sample_ms, last_sample_ms, last_upload_ms
        """;

    private TimeProvider Time => time;

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public async ValueTask<CloudVersions> GetVersionsAsync(long? userId, CancellationToken cancellationToken)
    {
        if (userId is null)
        {
            return new CloudVersions(0, 0, WireFormat.ServerBuildIdentifier);
        }

        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var connection = lease.Connection;
        return await UserRecords.VersionsAsync(connection, null, userId.Value, cancellationToken);
    }

    public async ValueTask<CloudProfile> GetProfileAsync(long userId, CancellationToken cancellationToken)
    {
        await using var lease = await RequestConnection.OpenAsync(database, cancellationToken);
        var connection = lease.Connection;
        await using var command = connection.Command(null, "SELECT email, time_zone, use_fahrenheit, light_unit FROM users WHERE id = @u", ("@u", userId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var light = reader.GetString(3);
        return new CloudProfile(
            reader.GetString(0), reader.GetString(1), UseFahrenheit: reader.GetInt64(2) != 0, UseLux: light == "lux", UseMol: light == "mol", UseFtc: light == "ftc",
            DeviceModel: "FlowerPower.Cloud.Server");
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
        return await LocationRecords.ByIdentifierAsync(connection, null, userId, locationIdentifier, cancellationToken) is not null;
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
        if (samples.Count == 0 && await LocationRecords.ByIdentifierAsync(connection, null, userId, locationIdentifier, cancellationToken) is null)
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
            // A sensor known by its serial alone (locations add --sensor, without the name it advertises) is still
            // the location's sensor: the wire's sensor_identifier then repeats the serial.
            var sensorSerial = reader.NullableString(6);
            var sensor = (reader.NullableString(7) ?? sensorSerial) is { } sensorIdentifier
                ? new CloudSensor(
                    sensorSerial ?? sensorIdentifier,
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
