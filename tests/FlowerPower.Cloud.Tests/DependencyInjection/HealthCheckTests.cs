using System.Net;
using FlowerPower.Cloud.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlowerPower.Cloud.Tests.DependencyInjection;

/// <summary>The health check answers with the cheap versions call: Healthy when the API answers, Unhealthy otherwise.</summary>
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
        var address = _cloud.BaseAddress;
        _cloud.Dispose();

        var report = await CheckAsync(address);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Contains("cannot be used", Assert.Single(report.Entries).Value.Description, StringComparison.Ordinal);
    }

    private static async Task<HealthReport> CheckAsync(Uri address)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFlowerPowerCloud(o =>
        {
            TestCredentials.Configure(o, address);
            o.Retry.MaxRetryAttempts = 0;
        });
        services.AddHealthChecks().AddFlowerPowerCloud();
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);
    }
}
