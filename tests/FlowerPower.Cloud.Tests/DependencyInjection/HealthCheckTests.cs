using System.Net;
using System.Net.Sockets;
using FlowerPower.Cloud.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace FlowerPower.Cloud.Tests.DependencyInjection;

/// <summary>
/// The health check answers with the cheap versions call: Healthy when the API answers, Unhealthy otherwise; one
/// attempt within its budget, outside the retries and the circuit breaker of the app's own calls.
/// </summary>
public sealed class HealthCheckTests : IDisposable
{
    private readonly StubCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Healthy_when_the_api_answers()
    {
        _cloud.WithPasswordGrant().WithGet("/user/v1/versions", StubCloud.EmptyEnvelope);

        var report = await CheckAsync(_cloud.BaseAddress);

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Single(_cloud.Requests("/user/v1/versions"));
    }

    [Fact]
    public async Task Unhealthy_when_the_credentials_are_refused_and_the_description_holds_no_secret()
    {
        _cloud.Server.Given(StubCloud.Token("password")).RespondWith(StubCloud.Json($$"""{"error":"invalid_grant","error_description":"no {{TestCredentials.Password}}"}""", HttpStatusCode.BadRequest));

        var report = await CheckAsync(_cloud.BaseAddress);

        var entry = Assert.Single(report.Entries).Value;
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("refused the credentials", entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCredentials.Password, entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unhealthy_when_the_api_cannot_be_reached()
    {
        // A port bound and never listened on refuses connections, and stays taken so no other test can answer on it.
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var address = new Uri($"http://127.0.0.1:{((IPEndPoint)closed.LocalEndPoint!).Port}/");

        var report = await CheckAsync(address);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Contains("cannot be used", Assert.Single(report.Entries).Value.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probes_make_one_attempt_each_and_never_open_the_breaker_the_apps_calls_depend_on()
    {
        _cloud.WithPasswordGrant().Server.Given(Request.Create().WithPath("/user/v1/versions").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(503));
        await using var provider = Build(_cloud.BaseAddress, o => o.Retry.MaxRetryAttempts = 3);
        var health = provider.GetRequiredService<HealthCheckService>();

        // Twenty-five failed probes: more than enough failures to open a breaker that counted them.
        for (var i = 0; i < 25; i++)
        {
            Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync(Ct)).Status);
        }

        Assert.Equal(25, _cloud.Requests("/user/v1/versions").Count);

        _cloud.Server.ResetMappings();
        _cloud.WithPasswordGrant().WithGet("/user/v1/versions", StubCloud.EmptyEnvelope);
        await provider.GetRequiredService<IFlowerPowerClient>().GetVersionsAsync(Ct);
        Assert.Equal(26, _cloud.Requests("/user/v1/versions").Count);
    }

    [Fact]
    public async Task A_probe_answers_within_its_budget_when_the_api_hangs()
    {
        _cloud.WithPasswordGrant().Server.Given(Request.Create().WithPath("/user/v1/versions").UsingGet())
            .RespondWith(StubCloud.Json(StubCloud.EmptyEnvelope).WithDelay(TimeSpan.FromSeconds(60)));
        var time = new TimerWatchingTimeProvider(DateTimeOffset.UnixEpoch.AddYears(50));
        await using var provider = Build(_cloud.BaseAddress, o => o.Retry.MaxRetryAttempts = 3, time, TimeSpan.FromSeconds(3));

        var check = provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(3), Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        time.Advance(TimeSpan.FromSeconds(3));
        var report = await check.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var entry = Assert.Single(report.Entries).Value;
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("cannot be used", entry.Description, StringComparison.Ordinal);
        Assert.Contains("00:00:03", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_probe_timeout_that_is_not_positive_is_refused()
    {
        var checks = new ServiceCollection().AddHealthChecks();

        Assert.Throws<ArgumentOutOfRangeException>(() => checks.AddFlowerPowerCloud(timeout: TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => checks.AddFlowerPowerCloud(timeout: Timeout.InfiniteTimeSpan));
    }

    private static async Task<HealthReport> CheckAsync(Uri address)
    {
        await using var provider = Build(address, o => o.Retry.MaxRetryAttempts = 0);
        return await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);
    }

    private static ServiceProvider Build(Uri address, Action<FlowerPowerClientOptions> configure, TimeProvider? time = null, TimeSpan? probeTimeout = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddFlowerPowerCloud(o =>
        {
            TestCredentials.Configure(o, address);
            configure(o);
        });
        services.AddHealthChecks().AddFlowerPowerCloud(timeout: probeTimeout);
        return services.BuildServiceProvider();
    }
}
