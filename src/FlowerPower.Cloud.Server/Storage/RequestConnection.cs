using System.Data.Common;
using Microsoft.AspNetCore.Builder;

namespace FlowerPower.Cloud.Server.Storage;

/// <summary>
/// One database connection for all the store calls of one request (the token check, the versions, the garden): opened
/// by the first call that needs it, handed to the next ones, and given back to the pool whenever the request is about
/// to wait on something else (<see cref="ReleaseAsync"/>: a body coming in, an answer going out, a password hash), so
/// a slow client never holds a connection. Outside a request (the administration commands, the tests) each call opens
/// its own.
/// </summary>
internal static class RequestConnection
{
    private static readonly AsyncLocal<Holder?> Current = new();

    /// <summary>Gives each request of <paramref name="app"/> its shared connection.</summary>
    public static void Use(WebApplication app) => app.Use(async (context, next) =>
    {
        var holder = new Holder();
        Current.Value = holder;
        try
        {
            await next(context);
        }
        finally
        {
            Current.Value = null;
            if (holder.Connection is { } connection)
            {
                await connection.DisposeAsync();
            }
        }
    });

    /// <summary>The request's connection from <paramref name="database"/>, or a connection of the call's own outside a request.</summary>
    public static async Task<Lease> OpenAsync(CloudDatabase database, CancellationToken cancellationToken)
    {
        if (Current.Value is not { } holder || holder.Database is { } other && other != database)
        {
            return new Lease(await database.OpenAsync(cancellationToken), owned: true);
        }

        holder.Database = database;
        holder.Connection ??= await database.OpenAsync(cancellationToken);
        return new Lease(holder.Connection, owned: false);
    }

    /// <summary>Gives the request's connection back; the next store call of the request opens one again. Outside a request, nothing.</summary>
    public static async ValueTask ReleaseAsync()
    {
        if (Current.Value is { Connection: { } connection } holder)
        {
            holder.Connection = null;
            await connection.DisposeAsync();
        }
    }

    /// <summary>A connection for one store call; disposing it closes only a connection the call opened for itself.</summary>
    internal sealed class Lease(DbConnection connection, bool owned) : IAsyncDisposable
    {
        public DbConnection Connection { get; } = connection;

        public ValueTask DisposeAsync() => owned ? Connection.DisposeAsync() : ValueTask.CompletedTask;
    }

    private sealed class Holder
    {
        public CloudDatabase? Database { get; set; }

        public DbConnection? Connection { get; set; }
    }
}
