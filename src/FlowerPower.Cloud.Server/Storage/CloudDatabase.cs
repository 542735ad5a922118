using System.Data.Common;

namespace FlowerPower.Cloud.Server.Storage;

/// <summary>
/// A database the server keeps everything in: accounts, tokens, gardens, samples and uploads. No state lives in the
/// process, so several instances over one PostgreSQL serve one client alternately.
/// </summary>
internal abstract class CloudDatabase : IAsyncDisposable
{
    public abstract DatabaseKind Kind { get; }

    /// <summary>Where the data lives, for a person to read; never a password.</summary>
    public abstract string Description { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A connection opened synchronously, for callers that cannot wait asynchronously (Data Protection's key repository).</summary>
    public abstract DbConnection Open();

    /// <summary>What a SELECT appends to lock the rows it reads until the transaction ends (SQLite's write transaction locks the whole file).</summary>
    public virtual string LockRow => string.Empty;

    /// <summary>Begins a transaction that will write: SQLite takes its write lock at once, so two writers queue rather than fail.</summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts samples of one location, skipping those already held (same location and capture time); returns how
    /// many were new.
    /// </summary>
    public abstract Task<long> InsertSamplesAsync(
        DbConnection connection, DbTransaction transaction, long locationId, IReadOnlyList<SampleRow> rows, CancellationToken cancellationToken);

    /// <summary>Creates the schema or brings it up to date; safe when several instances start at once.</summary>
    /// <exception cref="SchemaTooNewException">A newer server migrated the database further than this one knows; nothing was changed.</exception>
    /// <param name="cancellationToken">Stops the migration; nothing of an unfinished one is kept.</param>
    /// <param name="upToVersion">Stops at this version instead of the latest: for tests of a later migration.</param>
    public async Task MigrateAsync(CancellationToken cancellationToken, int? upToVersion = null)
    {
        await using var connection = await OpenForMigrationAsync(cancellationToken);
        await PrepareAsync(connection, cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await LockForMigrationAsync(connection, transaction, cancellationToken);
        await connection.ExecuteAsync(transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", cancellationToken);
        var version = await connection.ScalarAsync<long?>(transaction, "SELECT MAX(version) FROM schema_version", cancellationToken) ?? 0;
        var migrations = Schema.Migrations(Kind);
        if (version > migrations.Count)
        {
            throw new SchemaTooNewException(version, migrations.Count);
        }

        for (var next = (int)version; next < Math.Min(upToVersion ?? int.MaxValue, migrations.Count); next++)
        {
            foreach (var statement in migrations[next].Statements)
            {
                await connection.ExecuteAsync(transaction, statement, cancellationToken);
            }

            if (migrations[next].Then is { } then)
            {
                await then(this, connection, transaction, cancellationToken);
            }

            await connection.ExecuteAsync(transaction, "INSERT INTO schema_version (version) VALUES (@v)", cancellationToken, ("@v", next + 1));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public abstract ValueTask DisposeAsync();

    /// <summary>The connection migrations run on: SQLite's without foreign key enforcement, as its procedure for rebuilding a table asks.</summary>
    public virtual Task<DbConnection> OpenForMigrationAsync(CancellationToken cancellationToken) => OpenAsync(cancellationToken);

    /// <summary>Settings the database keeps once made (SQLite's journal mode), made before the migration.</summary>
    protected virtual Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    protected abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);
}
