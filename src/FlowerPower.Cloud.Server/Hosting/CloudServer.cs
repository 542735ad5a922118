using FlowerPower.Cloud.Server.HomeAssistant;
using FlowerPower.Cloud.Server.Limits;
using FlowerPower.Cloud.Server.Storage;
using FlowerPower.Cloud.Server.Telemetry;
using FlowerPower.Cloud.Server.Web;
using FlowerPower.Cloud.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Server.Hosting;

/// <summary>
/// A running server: the cloud's wire over a database, on the addresses it was given, with TLS from PEM files, HSTS,
/// the sign-in and upload limits (in the database, shared by every instance), the web garden and its housekeeping
/// (<see cref="PruningService"/>). It composes the folders below it and none of them knows it.
/// </summary>
internal sealed class CloudServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WebGarden? _web;
    private readonly GardenReads? _reads;

    private CloudServer(WebApplication app, Uri baseAddress, SqlCloudStore store, WebGarden? web, GardenReads? reads, MetricsListener? metrics, ReloadingCertificate? certificate)
    {
        Certificate = certificate;
        _app = app;
        _web = web;
        _reads = reads;
        BaseAddress = baseAddress;
        Store = store;
        Metrics = metrics;
    }

    public Uri BaseAddress { get; }

    /// <summary>The Prometheus listener, when <see cref="ServerOptions.MetricsUrls"/> asked for one.</summary>
    public MetricsListener? Metrics { get; }

    public SqlCloudStore Store { get; }

    /// <summary>The TLS certificate, read again when its files change or on SIGHUP; null without one.</summary>
    public ReloadingCertificate? Certificate { get; }

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
            ? new ReloadingCertificate(
                certificatePath, options.CertificateKeyPath!,
                (loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger<CloudServer>())
            : null;
        await database.MigrateAsync(cancellationToken);
        var store = new SqlCloudStore(database, time, options.TokenLifetime);
        var buckets = new RateBuckets(database, time);
        var signIns = new SignInLimits(buckets, options.Allowances);
        var sessions = new WebSessionStore(database, time);
        var urls = Accounts.ListenAddresses.Split(options.Urls);

        // The web garden calls the server's own API over a loopback listener of its own, whatever the owner's
        // addresses are (TLS with a certificate for another name, one outside address only).
        var web = options.Web
            ? new WebGarden(await WebClientCredentials.ReadSecretAsync(database, cancellationToken), time, sessions, signIns, WebGarden.NeedsSecureCookies(urls, options.ForwardedHeaders))
            : null;

        // The MQTT publisher reads the gardens through the same loopback listener, as the web garden's client.
        var reads = options.Mqtt is null ? null : new GardenReads(database, store, await WebClientCredentials.ReadSecretAsync(database, cancellationToken), time);
        var selfListener = web is not null || reads is not null;
        var limits = options.Limits with { Throttle = new ServerThrottle(signIns, new UploadLimits(buckets, options.Allowances)) };
        WebApplication app;
        Uri address;
        try
        {
            (app, address) = await CloudHost.StartAsync(
                    typeof(CloudServer),
                    selfListener ? options.Urls + ";" + SelfListener : options.Urls,
                    loggerFactory,
                    app =>
                    {
                        if (options.ForwardedHeaders)
                        {
                            app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
                        }

                        if (web is not null)
                        {
                            WebCallAddress.Use(app, web.CallKey);
                        }

                        StrictTransport.Use(app);
                        ProbeEndpoints.Use(app, database, loggerFactory);
                        RequestConnection.Use(app);
                        SignInGate.Use(app, signIns);
                        CloudEndpoints.Map(app, _ => store, limits, web is null ? null : WebEndpoints.Owns);
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
                            // The largest body any endpoint takes; each endpoint holds its own, smaller limit and time.
                            kestrel.Limits.MaxRequestBodySize = Math.Max(options.Limits.UploadBytes, options.Limits.StatusUpdateBytes) + 1;
                            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;

                            // A body that trickles in slower than 1 KB/s (after a 10 s grace) ends its connection.
                            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 1024, gracePeriod: TimeSpan.FromSeconds(10));
                            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
                            if (certificate is not null)
                            {
                                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificateSelector = (_, _) => certificate.Current);
                            }
                        });
                        web?.AddServices(builder.Services, database);
                        builder.Services.AddHostedService(_ => new PruningService(
                            new UploadRetention(database, time), options.KeepUploads, buckets, sessions, time,
                            (loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger<CloudServer>()));
                        if (options.Mqtt is { } mqtt)
                        {
                            builder.Services.AddSingleton(services => new GardenPublisher(
                                mqtt, reads!, new Leases(database, time), time,
                                (loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger<GardenPublisher>()));
                            builder.Services.AddHostedService(services => services.GetRequiredService<GardenPublisher>());
                        }
                    });
        }
        catch
        {
            certificate?.Dispose();
            throw;
        }

        if (selfListener)
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            var selfAddress = new Uri(addresses.Last(a => a.StartsWith(SelfListener[..^1], StringComparison.Ordinal)) + "/");
            reads?.Listening(selfAddress);
            if (web is not null)
            {
                web.SelfAddress = selfAddress;
                web.Tokens = new SessionTokens(app.Services.GetRequiredService<IDataProtectionProvider>());
            }
        }

        MetricsListener? metrics = null;
        try
        {
            metrics = options.MetricsUrls is { } metricsUrls ? await MetricsListener.StartAsync(metricsUrls, cancellationToken) : null;
        }
        catch
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            web?.Dispose();
            reads?.Dispose();
            certificate?.Dispose();
            throw;
        }

        return new CloudServer(app, address, store, web, reads, metrics, certificate);
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _web?.Dispose();
        _reads?.Dispose();
        Certificate?.Dispose();
        if (Metrics is not null)
        {
            await Metrics.DisposeAsync();
        }
    }
}
