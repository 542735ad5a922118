using FlowerPower.Cloud.Server.Hosting;
using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>
/// The servers a test starts over one test database and the database handles they and the test opened, all disposed
/// together, servers first: what <see cref="ServerSession"/> and <see cref="WebGardenServer"/> both keep.
/// </summary>
internal sealed class ServerInstances(TestDatabase database, TimeProvider time) : IAsyncDisposable
{
    private readonly List<CloudServer> _servers = [];
    private readonly List<CloudDatabase> _handles = [];

    public TestDatabase Database { get; } = database;

    public TimeProvider Time { get; } = time;

    /// <summary>The first server started.</summary>
    public CloudServer First => _servers[0];

    /// <summary>A handle on the database, disposed with the rest.</summary>
    public CloudDatabase OpenDatabase()
    {
        var handle = Database.Open();
        _handles.Add(handle);
        return handle;
    }

    /// <summary>Starts one more server over the database; loopback on a free port when <paramref name="options"/> is null.</summary>
    /// <param name="options">The server's options.</param>
    /// <param name="loggers">Where the server logs; nowhere when null.</param>
    public async Task<CloudServer> StartAsync(ServerOptions? options = null, Microsoft.Extensions.Logging.ILoggerFactory? loggers = null)
    {
        var server = await CloudServer.StartAsync(
            OpenDatabase(), options ?? new ServerOptions { Urls = "http://127.0.0.1:0" }, Time, loggers, TestContext.Current.CancellationToken);
        _servers.Add(server);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        foreach (var handle in _handles)
        {
            await handle.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
