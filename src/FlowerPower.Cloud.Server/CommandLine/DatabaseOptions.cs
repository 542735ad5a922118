using System.CommandLine;
using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Server.CommandLine;

/// <summary>The options every command takes to name its database: a SQLite file (the default) or a PostgreSQL connection string.</summary>
internal sealed class DatabaseOptions
{
    public Option<string> Sqlite { get; } = new("--database")
    {
        Description = "the SQLite file the data lives in (created when missing)",
        DefaultValueFactory = _ => "flowerpower.db",
        Recursive = true,
    };

    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = "a PostgreSQL connection string instead of SQLite, for several instances behind a load balancer",
        Recursive = true,
    };

    /// <summary>Opens the database the command line names.</summary>
    public CloudDatabase Open(ParseResult result) =>
        result.GetValue(Postgres) is { Length: > 0 } connectionString
            ? new PostgresCloudDatabase(connectionString)
            : new SqliteCloudDatabase(result.GetValue(Sqlite)!);
}
