using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace FlowerPower.Cloud.Server.Storage;

/// <summary>
/// PostgreSQL through Npgsql: samples arrive by binary COPY into a temporary table and move into place with one
/// <c>INSERT ... ON CONFLICT DO NOTHING</c>; migrations hold an advisory lock so instances starting together agree.
/// </summary>
internal sealed class PostgresCloudDatabase : CloudDatabase
{
    private const long MigrationLock = 0x466c6f7750;
    private readonly NpgsqlDataSource _source;
    private readonly string _description;

    public PostgresCloudDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        // The pool's name labels Npgsql's metrics (and its logs): the description, never the connection string with its password.
        _source = new NpgsqlDataSourceBuilder(builder.ConnectionString) { Name = _description }.Build();
    }

    public override DatabaseKind Kind => DatabaseKind.PostgreSql;

    public override string Description => _description;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _source.OpenConnectionAsync(cancellationToken);

    public override DbConnection Open() => _source.OpenConnection();

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);

    public override async Task<long> InsertSamplesAsync(
        DbConnection connection, DbTransaction transaction, long locationId, IReadOnlyList<SampleRow> rows, CancellationToken cancellationToken)
    {
        var npgsql = (NpgsqlConnection)connection;

        // One writer a location at a time; a location with no samples yet (an archive's first import) takes the rows
        // straight into place, once each, without the detour through a temporary table.
        await npgsql.ExecuteAsync(transaction, "SELECT id FROM locations WHERE id = @l FOR UPDATE", cancellationToken, ("@l", locationId));
        var empty = await npgsql.ScalarAsync<long?>(transaction, "SELECT location_id FROM samples WHERE location_id = @l LIMIT 1", cancellationToken, ("@l", locationId)) is null;
        if (empty)
        {
            var distinct = rows.DistinctBy(r => r.CaptureMs).ToList();
            await CopyAsync(npgsql, "samples", locationId, distinct, cancellationToken);
            return distinct.Count;
        }

        await npgsql.ExecuteAsync(transaction, "CREATE TEMP TABLE IF NOT EXISTS samples_in (LIKE samples) ON COMMIT DROP", cancellationToken);
        await CopyAsync(npgsql, "samples_in", locationId, rows, cancellationToken);
        var inserted = await npgsql.ExecuteAsync(
            transaction, "INSERT INTO samples SELECT * FROM samples_in ON CONFLICT (location_id, capture_ms) DO NOTHING", cancellationToken);
        await npgsql.ExecuteAsync(transaction, "TRUNCATE samples_in", cancellationToken);
        return inserted;
    }

    private static async Task CopyAsync(NpgsqlConnection npgsql, string table, long locationId, IReadOnlyList<SampleRow> rows, CancellationToken cancellationToken)
    {
        await using (var writer = await npgsql.BeginBinaryImportAsync(
                         $"COPY {table} (location_id, capture_ms, light, fertilizer, air_temperature, soil_moisture, calibrated_soil_moisture, battery, raw_light, raw_soil_ec, raw_soil_temperature, raw_soil_vwc, raw_air_temperature, raw_battery, soil_temperature) FROM STDIN (FORMAT BINARY)",
                         cancellationToken))
        {
            foreach (var row in rows)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(locationId, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(row.CaptureMs, NpgsqlDbType.Bigint, cancellationToken);
                await Write(writer, row.Light, cancellationToken);
                await Write(writer, row.Fertilizer, cancellationToken);
                await Write(writer, row.AirTemperature, cancellationToken);
                await Write(writer, row.SoilMoisture, cancellationToken);
                await Write(writer, row.CalibratedSoilMoisture, cancellationToken);
                await Write(writer, row.Battery, cancellationToken);
                await Write(writer, row.RawLight, cancellationToken);
                await Write(writer, row.RawSoilEc, cancellationToken);
                await Write(writer, row.RawSoilTemperature, cancellationToken);
                await Write(writer, row.RawSoilVwc, cancellationToken);
                await Write(writer, row.RawAirTemperature, cancellationToken);
                await Write(writer, row.RawBattery, cancellationToken);
                await Write(writer, row.SoilTemperature, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }
    }

    public override string LockRow => " FOR UPDATE";

    public override async ValueTask DisposeAsync() => await _source.DisposeAsync();

    protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(transaction, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken);

    private static Task Write(NpgsqlBinaryImporter writer, double? value, CancellationToken cancellationToken) =>
        value is { } v ? writer.WriteAsync(v, NpgsqlDbType.Double, cancellationToken) : writer.WriteNullAsync(cancellationToken);

    private static Task Write(NpgsqlBinaryImporter writer, int? value, CancellationToken cancellationToken) =>
        value is { } v ? writer.WriteAsync(v, NpgsqlDbType.Integer, cancellationToken) : writer.WriteNullAsync(cancellationToken);
}
