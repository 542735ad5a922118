using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace FlowerPower.Cloud.Server.Storage;

/// <summary>SQLite in one file: write-ahead logging so readers never wait for the importer, and a busy timeout for writers.</summary>
internal sealed class SqliteCloudDatabase(string path) : CloudDatabase
{
    private const string Insert = $"""
        INSERT INTO samples (location_id, {LocationRecords.SampleColumns})
        VALUES (@l, @t, @light, @fert, @air, @soil, @cal, @bat, @rl, @rec, @rst, @rsv, @rat, @rb, @st)
        ON CONFLICT (location_id, capture_ms) DO NOTHING
        """;

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(path),
        Pooling = true,
        DefaultTimeout = 30,
        ForeignKeys = true,
    }.ToString();

    private readonly string _migrationConnectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(path),
        Pooling = false,
        DefaultTimeout = 30,
        ForeignKeys = false,
    }.ToString();

    private int _created;

    public override DatabaseKind Kind => DatabaseKind.Sqlite;

    public override string Description => $"SQLite {Path.GetFullPath(path)}";

    public override Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(_connectionString, cancellationToken);

    public override DbConnection Open()
    {
        CreateForOwnerOnly();
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    public override Task<DbConnection> OpenForMigrationAsync(CancellationToken cancellationToken) => OpenAsync(_migrationConnectionString, cancellationToken);

    private async Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        CreateForOwnerOnly();
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    // Write-ahead logging (set once, kept in the file) lets readers go on while a writer works; with it, NORMAL
    // synchronisation loses no committed transaction when the program dies, only when the machine does.
    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(null, "PRAGMA synchronous=NORMAL", cancellationToken);
        return ((SqliteConnection)connection).BeginTransaction(deferred: false);
    }

    public override async Task<long> InsertSamplesAsync(
        DbConnection connection, DbTransaction transaction, long locationId, IReadOnlyList<SampleRow> rows, CancellationToken cancellationToken)
    {
        await using var command = (SqliteCommand)connection.Command(transaction, Insert);
        var names = new[] { "@l", "@t", "@light", "@fert", "@air", "@soil", "@cal", "@bat", "@rl", "@rec", "@rst", "@rsv", "@rat", "@rb", "@st" };
        var parameters = names.Select(n => command.Parameters.Add(n, SqliteType.Integer)).ToArray();
        command.Prepare();
        long inserted = 0;
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            parameters[0].Value = locationId;
            parameters[1].Value = row.CaptureMs;
            parameters[2].Value = (object?)row.Light ?? DBNull.Value;
            parameters[3].Value = (object?)row.Fertilizer ?? DBNull.Value;
            parameters[4].Value = (object?)row.AirTemperature ?? DBNull.Value;
            parameters[5].Value = (object?)row.SoilMoisture ?? DBNull.Value;
            parameters[6].Value = (object?)row.CalibratedSoilMoisture ?? DBNull.Value;
            parameters[7].Value = (object?)row.Battery ?? DBNull.Value;
            parameters[8].Value = (object?)row.RawLight ?? DBNull.Value;
            parameters[9].Value = (object?)row.RawSoilEc ?? DBNull.Value;
            parameters[10].Value = (object?)row.RawSoilTemperature ?? DBNull.Value;
            parameters[11].Value = (object?)row.RawSoilVwc ?? DBNull.Value;
            parameters[12].Value = (object?)row.RawAirTemperature ?? DBNull.Value;
            parameters[13].Value = (object?)row.RawBattery ?? DBNull.Value;
            parameters[14].Value = (object?)row.SoilTemperature ?? DBNull.Value;
            inserted += command.ExecuteNonQuery();
        }

        return inserted;
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected override async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(null, "PRAGMA journal_mode=WAL", cancellationToken);

    /// <summary>
    /// Creates a missing database file readable and writable by its owner only (0600), before SQLite would create it
    /// with the process's umask (often readable by everyone); SQLite gives its WAL and shared-memory files the
    /// database file's mode.
    /// </summary>
    private void CreateForOwnerOnly()
    {
        if (Interlocked.Exchange(ref _created, 1) != 0 || OperatingSystem.IsWindows())
        {
            return;
        }

        var file = Path.GetFullPath(path);
        try
        {
            using var stream = new FileStream(file, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(file))
        {
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A folder that is missing or not writable: SQLite's own open says so in its words.
        }
    }
}
