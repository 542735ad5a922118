using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>A database that counts the connections opened and the commands made on them: what a store call or a request takes.</summary>
internal sealed class CountingDatabase(CloudDatabase inner) : CloudDatabase
{
    private int _commands;
    private int _opens;

    public int Commands => Volatile.Read(ref _commands);

    public int Opens => Volatile.Read(ref _opens);

    public override DatabaseKind Kind => inner.Kind;

    public override string Description => inner.Description;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _opens);
        return new Connection(await inner.OpenAsync(cancellationToken), this);
    }

    public override DbConnection Open()
    {
        Interlocked.Increment(ref _opens);
        return new Connection(inner.Open(), this);
    }

    public override async Task<DbConnection> OpenForMigrationAsync(CancellationToken cancellationToken) =>
        new Connection(await inner.OpenForMigrationAsync(cancellationToken), this);

    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        inner.BeginWriteAsync(((Connection)connection).Inner, cancellationToken);

    public override Task<long> InsertSamplesAsync(DbConnection connection, DbTransaction transaction, long locationId, IReadOnlyList<SampleRow> rows, CancellationToken cancellationToken) =>
        inner.InsertSamplesAsync(((Connection)connection).Inner, transaction, locationId, rows, cancellationToken);

    public override ValueTask DisposeAsync() => inner.DisposeAsync();

    protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed class Connection(DbConnection inner, CountingDatabase owner) : DbConnection
    {
        public DbConnection Inner { get; } = inner;

        [AllowNull]
        public override string ConnectionString { get => Inner.ConnectionString; set => Inner.ConnectionString = value; }

        public override string Database => Inner.Database;

        public override string DataSource => Inner.DataSource;

        public override string ServerVersion => Inner.ServerVersion;

        public override ConnectionState State => Inner.State;

        public override void ChangeDatabase(string databaseName) => Inner.ChangeDatabase(databaseName);

        public override void Close() => Inner.Close();

        public override void Open() => Inner.Open();

        public override ValueTask DisposeAsync() => Inner.DisposeAsync();

        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => Inner.BeginTransaction(isolationLevel);

        protected override DbCommand CreateDbCommand()
        {
            Interlocked.Increment(ref owner._commands);
            return Inner.CreateCommand();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
