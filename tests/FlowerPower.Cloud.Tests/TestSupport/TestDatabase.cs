using FlowerPower.Cloud.Server.Storage;
using Npgsql;

namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>
/// A database of its own for one test: a SQLite file in a temporary folder, or a new database on the PostgreSQL that
/// <c>.ci/run</c> starts (FLOWERPOWER_TEST_POSTGRES names it). Without that variable PostgreSQL tests are skipped on
/// a developer's machine and fail in CI, where it must be set.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly string? _directory;
    private readonly string? _postgresName;

    private TestDatabase(string kind, string? directory, string? postgresName, string? connectionString)
    {
        Kind = kind;
        _directory = directory;
        _postgresName = postgresName;
        ConnectionString = connectionString;
    }

    public static TheoryData<string> Kinds => [Sqlite, Postgres];

    public string Kind { get; }

    /// <summary>The SQLite file, or null for PostgreSQL.</summary>
    public string? SqlitePath => _directory is null ? null : Path.Combine(_directory, "flowerpower.db");

    /// <summary>The PostgreSQL connection string, or null for SQLite.</summary>
    public string? ConnectionString { get; }

    /// <summary>The command line options that name this database.</summary>
    public string[] Arguments => SqlitePath is { } path ? ["--database", path] : ["--postgres", ConnectionString!];

    public static async Task<TestDatabase> CreateAsync(string kind)
    {
        if (kind == Sqlite)
        {
            return new TestDatabase(kind, Directory.CreateTempSubdirectory("flowerpower-server-").FullName, null, null);
        }

        var admin = Environment.GetEnvironmentVariable("FLOWERPOWER_TEST_POSTGRES");
        if (string.IsNullOrEmpty(admin))
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "FLOWERPOWER_TEST_POSTGRES is not set: .ci/run starts PostgreSQL and sets it");
            Assert.Skip("no PostgreSQL: set FLOWERPOWER_TEST_POSTGRES (bash eng/postgres.sh start prints it)");
        }

        var name = "fp_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new TestDatabase(kind, null, name, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString());
    }

    /// <summary>A new handle on the database (each server instance opens its own).</summary>
    public CloudDatabase Open() =>
        SqlitePath is { } path ? new SqliteCloudDatabase(path) : new PostgresCloudDatabase(ConnectionString!);

    public async ValueTask DisposeAsync()
    {
        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("FLOWERPOWER_TEST_POSTGRES"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
