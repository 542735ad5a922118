using FlowerPower.Cloud.Emulator.Cloud;
using FlowerPower.Cloud.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Server.Hosting;

/// <summary>A running server: the cloud's wire over a database, on the addresses it was given.</summary>
internal sealed class CloudServer : IAsyncDisposable
{
    /// <summary>How long access tokens live unless told otherwise: 48 hours, as on the cloud.</summary>
    public static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromSeconds(172800);

    private readonly WebApplication _app;

    private CloudServer(WebApplication app, Uri baseAddress, SqlCloudStore store)
    {
        _app = app;
        BaseAddress = baseAddress;
        Store = store;
    }

    public Uri BaseAddress { get; }

    public SqlCloudStore Store { get; }

    /// <summary>Migrates the database, then starts listening.</summary>
    public static async Task<CloudServer> StartAsync(
        CloudDatabase database, string urls, TimeSpan tokenLifetime, TimeProvider? time = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        await database.MigrateAsync(cancellationToken);
        var store = new SqlCloudStore(database, time ?? TimeProvider.System, tokenLifetime);
        var (app, address) = await CloudHost.StartAsync(
            typeof(CloudServer), urls, loggerFactory, app => CloudEndpoints.Map(app, _ => store), cancellationToken);
        return new CloudServer(app, address, store);
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
