using System.Collections.Concurrent;
using FlowerPower.Cloud.Emulator;
using FlowerPower.Cloud.Tests.TestSupport;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FlowerPower.Cloud.Tests.Authentication;

/// <summary>A web farm's instances share one token set through an <see cref="IDistributedCache"/>: one sign-in between them.</summary>
public sealed class SharedTokenStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task Three_app_servers_sharing_a_cache_sign_in_once_and_refresh_about_once_per_expiry() =>
        ThreeServersAsync(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));

    /// <summary>The same, through a real Redis (the one .ci/run starts; FLOWERPOWER_TEST_REDIS names it).</summary>
    [Fact]
    public async Task Three_app_servers_sharing_a_real_redis_sign_in_once()
    {
        var redis = Environment.GetEnvironmentVariable("FLOWERPOWER_TEST_REDIS");
        if (string.IsNullOrEmpty(redis))
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "FLOWERPOWER_TEST_REDIS is not set: .ci/run starts Redis and sets it");
            Assert.Skip("no Redis: set FLOWERPOWER_TEST_REDIS (bash eng/redis.sh start prints it)");
        }

        using var cache = new Microsoft.Extensions.Caching.StackExchangeRedis.RedisCache(Options.Create(
            new Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions { Configuration = redis, InstanceName = $"test-{Guid.NewGuid():N}:" }));
        await ThreeServersAsync(cache);
    }

    private static async Task ThreeServersAsync(IDistributedCache cache)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var lifetime = TimeSpan.FromSeconds(60);
        await using var emulator = await FlowerPowerEmulator.StartAsync(new FlowerPowerEmulatorOptions { TimeProvider = time, TokenLifetime = lifetime }, cancellationToken: Ct);
        var grants = new ConcurrentQueue<string>();
        var servers = new List<ServiceProvider>();
        for (var i = 0; i < 3; i++)
        {
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton<ITokenStore>(new DistributedCacheTokenStore(cache));
            services.AddFlowerPowerCloud(o =>
            {
                var demo = emulator.CreateClientOptions();
                (o.BaseAddress, o.ClientId, o.ClientSecret, o.Username, o.Password) = (demo.BaseAddress, demo.ClientId, demo.ClientSecret, demo.Username, demo.Password);
            }).ConfigureHttpClients(http => http.ConfigurePrimaryHttpMessageHandler(() => new GrantRecorder(grants)));
            servers.Add(services.BuildServiceProvider());
        }

        try
        {
            var rounds = 20;
            for (var round = 0; round < rounds; round++)
            {
                // Requests reach a farm's instances one after another, as a load balancer hands them out.
                foreach (var server in servers)
                {
                    await server.GetRequiredService<IFlowerPowerClient>().GetVersionsAsync(Ct);
                }

                time.Advance(TimeSpan.FromSeconds(25));
            }

            var expiries = (int)(TimeSpan.FromSeconds(25 * rounds) / lifetime);
            Assert.Equal(1, grants.Count(g => g == "password"));
            Assert.InRange(grants.Count(g => g == "refresh_token"), 1, expiries + 2);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_store_round_trips_a_token_set_and_reads_a_damaged_entry_as_none()
    {
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        var store = new DistributedCacheTokenStore(cache);
        var key = TestCredentials.Key(new Uri("https://example.invalid"));
        var expires = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

        await store.SaveAsync(key, new TokenSet { RefreshToken = TestCredentials.RefreshToken1, AccessToken = TestCredentials.AccessToken1, AccessTokenExpiresAt = expires }, Ct);
        var read = await store.GetAsync(key, Ct);
        var other = await store.GetAsync(key with { Username = "someone-else@example.invalid" }, Ct);

        Assert.Equal(TestCredentials.RefreshToken1, read!.RefreshToken);
        Assert.Equal(TestCredentials.AccessToken1, read.AccessToken);
        Assert.Equal(expires, read.AccessTokenExpiresAt);
        Assert.Null(other);
        Assert.DoesNotContain(TestCredentials.RefreshToken1, store.ToString(), StringComparison.Ordinal);

        var cacheKey = "flowerpower:tokens:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key.ToString()))).ToLowerInvariant();
        Assert.NotNull(await cache.GetAsync(cacheKey, Ct));
        await cache.SetAsync(cacheKey, "{\"refresh_token\":"u8.ToArray(), Ct);
        Assert.Null(await store.GetAsync(key, Ct));
    }

    /// <summary>The real transport, noting the grant of every token request.</summary>
    private sealed class GrantRecorder(ConcurrentQueue<string> grants) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/authenticate", StringComparison.Ordinal) && request.Content is { } content)
            {
                var form = await content.ReadAsStringAsync(cancellationToken);
                grants.Enqueue(form.Contains("grant_type=refresh_token", StringComparison.Ordinal) ? "refresh_token" : "password");
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
