using FlowerPower.Cloud.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>Two instances over one PostgreSQL, as behind a load balancer: no state lives in either process.</summary>
public sealed class TwoInstanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_serve_one_client_alternately_and_a_refresh_on_one_rotates_for_both()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var session = await ServerSession.StartAsync(TestDatabase.Postgres, time, TimeSpan.FromMinutes(10));
        var second = await session.AddServerAsync(TimeSpan.FromMinutes(10));
        var balancer = new AlternatingHandler(session.Server.BaseAddress, second.BaseAddress);
        using var client = new FlowerPowerClient(session.Options(), timeProvider: time, primaryHandler: balancer);

        for (var i = 0; i < 6; i++)
        {
            await client.GetVersionsAsync(Ct);
        }

        time.Advance(TimeSpan.FromMinutes(10));
        for (var i = 0; i < 6; i++)
        {
            await client.GetGardenStatusAsync(Ct);
        }

        Assert.Equal(2, balancer.TokenRequests);
        Assert.Equal([1, 1], balancer.TokenRequestsPerInstance);
        Assert.True(balancer.ResourceRequestsPerInstance.All(n => n >= 5), string.Join(",", balancer.ResourceRequestsPerInstance));

        // The refresh token spent on one instance is spent for the other as well: after the grace period it is refused.
        time.Advance(FlowerPower.Cloud.Server.Storage.SqlCloudStore.RefreshGrace + TimeSpan.FromSeconds(1));
        using var http = new HttpClient { BaseAddress = second.BaseAddress };
        using var reuse = await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = balancer.FirstRefreshToken!,
            ["client_id"] = ServerSession.ClientId, ["client_secret"] = ServerSession.ClientSecret,
        }), Ct);
        Assert.Contains("invalid_grant", await reuse.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instances_starting_together_migrate_the_schema_once()
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Postgres);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => session.AddServerAsync()));
        using var client = new FlowerPowerClient(session.Options());

        Assert.NotEmpty((await client.GetGardenConfigurationAsync(Ct)).Locations);
    }

    /// <summary>Sends each request to the next instance in turn, as a round-robin load balancer does, and counts what each got.</summary>
    private sealed class AlternatingHandler(params Uri[] instances) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _next;

        public int TokenRequests => TokenRequestsPerInstance.Sum();

        public int[] TokenRequestsPerInstance { get; } = new int[instances.Length];

        public int[] ResourceRequestsPerInstance { get; } = new int[instances.Length];

        public string? FirstRefreshToken { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var instance = _next++ % instances.Length;
            request.RequestUri = new Uri(instances[instance], request.RequestUri!.PathAndQuery.TrimStart('/'));
            var isToken = request.RequestUri.AbsolutePath.EndsWith("/authenticate", StringComparison.Ordinal);
            (isToken ? TokenRequestsPerInstance : ResourceRequestsPerInstance)[instance]++;
            var response = await base.SendAsync(request, cancellationToken);
            if (isToken && FirstRefreshToken is null)
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                FirstRefreshToken = body.RootElement.GetProperty("refresh_token").GetString();
            }

            return response;
        }
    }
}
