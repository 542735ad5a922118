using System.Security.Cryptography.X509Certificates;
using FlowerPower.Cloud.Hosting;
using FlowerPower.Cloud.Server.Storage;
using FlowerPower.Cloud.Server.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Server.Hosting;

/// <summary>
/// A running server: the cloud's wire over a database, on the addresses it was given, with TLS from PEM files, the
/// sign-in limits, and the upload bodies pruned past their retention (at start, then hourly).
/// </summary>
internal sealed class CloudServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SignInLimits _limits;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _pruning;
    private readonly WebGarden? _web;

    private CloudServer(WebApplication app, Uri baseAddress, SqlCloudStore store, SignInLimits limits, Task pruning, CancellationTokenSource stopping, WebGarden? web)
    {
        _app = app;
        _web = web;
        BaseAddress = baseAddress;
        Store = store;
        _limits = limits;
        _pruning = pruning;
        _stopping = stopping;
    }

    public Uri BaseAddress { get; }

    public SqlCloudStore Store { get; }

    /// <summary>The loopback listener added for the web garden's calls to the server's own API.</summary>
    private const string SelfListener = "http://127.0.0.1:0";

    /// <summary>Migrates the database, then starts listening on <paramref name="urls"/> with the default limits.</summary>
    public static Task<CloudServer> StartAsync(
        CloudDatabase database, string urls, TimeSpan tokenLifetime, TimeProvider? time = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default) =>
        StartAsync(database, new ServerOptions { Urls = urls, TokenLifetime = tokenLifetime }, time, loggerFactory, cancellationToken);

    /// <summary>Migrates the database, then starts listening as <paramref name="options"/> say.</summary>
    /// <exception cref="InvalidOperationException">The options cannot be served (<see cref="ServerOptions.Problem"/>).</exception>
    public static async Task<CloudServer> StartAsync(
        CloudDatabase database, ServerOptions options, TimeProvider? time = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        if (options.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        time ??= TimeProvider.System;
        var certificate = options.CertificatePath is { } certificatePath
            ? X509Certificate2.CreateFromPemFile(certificatePath, options.CertificateKeyPath)
            : null;
        await database.MigrateAsync(cancellationToken);
        var store = new SqlCloudStore(database, time, options.TokenLifetime);

        // The web garden calls the server's own API over a loopback listener of its own, whatever the owner's
        // addresses are (TLS with a certificate for another name, one outside address only).
        var web = options.Web ? new WebGarden(store, await WebClientCredentials.ReadSecretAsync(database, cancellationToken), time) : null;
        var limits = new SignInLimits(options, web?.CallKey);
        var (app, address) = await CloudHost.StartAsync(
            typeof(CloudServer),
            web is null ? options.Urls : options.Urls + ";" + SelfListener,
            loggerFactory,
            app =>
            {
                if (options.ForwardedHeaders)
                {
                    app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
                }

                ProbeEndpoints.Use(app, database, loggerFactory);
                app.UseRateLimiter();
                RequestConnection.Use(app);
                CloudEndpoints.Map(app, _ => store, options.Limits with { SignInThrottle = limits.ThrottleUser }, web is null ? null : WebEndpoints.Owns);
                if (web is not null)
                {
                    WebEndpoints.Map(app, web);
                }
            },
            cancellationToken,
            builder =>
            {
                builder.WebHost.UseKestrelHttpsConfiguration();
                builder.WebHost.ConfigureKestrel(kestrel =>
                {
                    // The largest body any endpoint takes; each endpoint holds its own, smaller limit.
                    kestrel.Limits.MaxRequestBodySize = Math.Max(options.Limits.UploadBytes, options.Limits.StatusUpdateBytes) + 1;
                    kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
                    if (certificate is not null)
                    {
                        kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
                    }
                });
                limits.AddTo(builder.Services);
                if (web is not null)
                {
                    WebGarden.AddServices(builder.Services, database, time);
                }
            });
        if (web is not null)
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            web.SelfAddress = new Uri(addresses.Last(a => a.StartsWith(SelfListener[..^1], StringComparison.Ordinal)) + "/");
        }

        var stopping = new CancellationTokenSource();
        var pruning = options.KeepUploads is { } keep ? PruneAsync(new UploadRetention(database, time), keep, time, loggerFactory, stopping.Token) : Task.CompletedTask;
        return new CloudServer(app, address, store, limits, pruning, stopping, web);
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _pruning;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _limits.Dispose();
        _stopping.Dispose();
        _web?.Dispose();
    }

    /// <summary>Prunes at start, then hourly, until the server stops; a failure is logged and tried again an hour later.</summary>
    private static async Task PruneAsync(UploadRetention retention, TimeSpan keep, TimeProvider time, ILoggerFactory? loggerFactory, CancellationToken stopping)
    {
        var log = loggerFactory?.CreateLogger<CloudServer>();
        try
        {
            while (true)
            {
                try
                {
                    var removed = await retention.PruneAsync(keep, stopping);
                    if (removed > 0)
                    {
                        log?.LogInformation(ServerEvents.UploadsPruned, "Pruned {Count} upload bodies older than {Days} days", removed, keep.TotalDays);
                    }
                }
                catch (Exception exception) when (exception is System.Data.Common.DbException or TimeoutException)
                {
                    log?.LogWarning(ServerEvents.PruningFailed, exception, "Pruning upload bodies failed; trying again in an hour");
                }

                await Task.Delay(TimeSpan.FromHours(1), time, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
