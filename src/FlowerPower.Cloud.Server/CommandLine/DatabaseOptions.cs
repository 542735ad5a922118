using System.CommandLine;
using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Server.CommandLine;

/// <summary>The options every command takes to name its database: a SQLite file (the default) or a PostgreSQL connection string.</summary>
internal sealed class DatabaseOptions
{
    public Option<string> Sqlite { get; } = new("--database")
    {
        Description = "the SQLite file the data lives in (created when missing)",
        DefaultValueFactory = _ => DefaultSqlitePath,
        Recursive = true,
    };

    /// <summary>
    /// Where the data lives when no <c>--database</c> is given: the user's data folder (<c>~/.local/share</c> on Linux,
    /// <c>%LOCALAPPDATA%</c> on Windows), never the folder the command happens to run in, which may be a repository.
    /// </summary>
    public static string DefaultSqlitePath { get; } = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData) is { Length: > 0 } data ? data : Directory.GetCurrentDirectory(),
        "flowerpower-server",
        "flowerpower.db");

    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = "a PostgreSQL connection string instead of SQLite, for several instances behind a load balancer",
        Recursive = true,
    };

    /// <summary>
    /// Opens the database the command line names, or the settings (<c>FLOWERPOWER_POSTGRES</c> keeps a connection
    /// string and its password off the command line, where every user of the machine can read it).
    /// </summary>
    public CloudDatabase Open(ParseResult result) =>
        Settings.Text(result, Postgres) is { Length: > 0 } connectionString && result.GetResult(Sqlite) is not { Implicit: false }
            ? new PostgresCloudDatabase(connectionString)
            : new SqliteCloudDatabase(CreateFolderOf(Settings.Text(result, Sqlite)!));

    /// <summary>What the command line falls back to for an option it was not given: the settings file and the environment.</summary>
    public ServerSettings Settings { get; set; } = ServerSettings.None;

    private static string CreateFolderOf(string path)
    {
        if (path == DefaultSqlitePath)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }

        return path;
    }
}
