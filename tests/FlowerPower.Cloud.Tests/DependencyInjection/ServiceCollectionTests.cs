using FlowerPower.Cloud.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlowerPower.Cloud.Tests.DependencyInjection;

public sealed class ServiceCollectionTests : IDisposable
{
    private readonly StubCloud _cloud = new();

    public ServiceCollectionTests() => _cloud.WithPasswordGrant().WithGet("/garden/v1/status", Fixtures.Read("bela_status.json"));

    public void Dispose() => _cloud.Dispose();

    [Fact]
    public async Task Configuration_section_binds_and_both_client_types_resolve_to_one_working_instance()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FlowerPower:BaseAddress"] = _cloud.BaseAddress.ToString(),
            ["FlowerPower:ClientId"] = TestCredentials.ClientId,
            ["FlowerPower:ClientSecret"] = TestCredentials.ClientSecret,
            ["FlowerPower:Username"] = TestCredentials.Username,
            ["FlowerPower:Password"] = TestCredentials.Password,
            ["FlowerPower:Timeout"] = "00:00:20",
            ["FlowerPower:Retry:MaxRetryAttempts"] = "1",
        }).Build();
        var services = new ServiceCollection().AddFlowerPowerCloud(configuration.GetSection("FlowerPower")).Services;
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<FlowerPowerClient>();
        var status = await provider.GetRequiredService<IFlowerPowerClient>().GetGardenStatusAsync(TestContext.Current.CancellationToken);
        await client.GetGardenStatusAsync(TestContext.Current.CancellationToken);

        Assert.Same(client, provider.GetRequiredService<IFlowerPowerClient>());
        Assert.Single(status.Locations);
        Assert.Single(_cloud.TokenRequests());
        Assert.Equal(2, _cloud.Requests("/garden/v1/status").Count);
        Assert.All(_cloud.Requests("/garden/v1/status"), r => Assert.Equal("Bearer " + TestCredentials.AccessToken1, r.Headers!["Authorization"].Single()));
        Assert.False(_cloud.TokenRequests()[0].Headers!.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Delegate_configuration_and_a_registered_token_store_are_used()
    {
        var store = new InMemoryTokenStore();
        var services = new ServiceCollection()
            .AddSingleton<ITokenStore>(store)
            .AddFlowerPowerCloud(o =>
            {
                o.BaseAddress = _cloud.BaseAddress;
                o.ClientId = TestCredentials.ClientId;
                o.ClientSecret = TestCredentials.ClientSecret;
                o.Username = TestCredentials.Username;
                o.Password = TestCredentials.Password;
            }).Services;
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IFlowerPowerClient>().GetGardenStatusAsync(TestContext.Current.CancellationToken);

        Assert.Equal(TestCredentials.RefreshToken1, (await store.GetAsync(TestCredentials.Key(_cloud.BaseAddress), TestContext.Current.CancellationToken))!.RefreshToken);
    }

    [Fact]
    public async Task Invalid_settings_fail_on_resolve_with_a_message_naming_the_setting()
    {
        var services = new ServiceCollection().AddFlowerPowerCloud(o => { o.ClientId = "only-this"; o.Password = "only-this-secret"; }).Services;
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IFlowerPowerClient>());

        Assert.Contains("ClientSecret", error.Message, StringComparison.Ordinal);
        Assert.Contains("Username", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("only-this-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_settings_fail_the_host_at_start()
    {
        var services = new ServiceCollection().AddFlowerPowerCloud(o => o.BaseAddress = new Uri("http://plain.example.com")).Services;
        await using var provider = services.BuildServiceProvider();
        var validator = provider.GetRequiredService<IStartupValidator>();

        var error = Assert.Throws<OptionsValidationException>(validator.Validate);

        Assert.Contains("BaseAddress must use https", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_token_store_makes_the_password_optional()
    {
        var services = new ServiceCollection()
            .AddSingleton<ITokenStore, InMemoryTokenStore>()
            .AddFlowerPowerCloud(o =>
            {
                o.BaseAddress = _cloud.BaseAddress;
                o.ClientId = TestCredentials.ClientId;
                o.ClientSecret = TestCredentials.ClientSecret;
                o.Username = TestCredentials.Username;
            }).Services;
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.NotNull(provider.GetRequiredService<IFlowerPowerClient>());
    }

    [Fact]
    public async Task Registering_twice_keeps_one_pipeline_so_a_failing_server_sees_the_usual_attempts()
    {
        using var cloud = new StubCloud();
        cloud.WithPasswordGrant();
        cloud.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/garden/v1/status").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(503));
        var services = new ServiceCollection()
            .AddFlowerPowerCloud(o => TestCredentials.Configure(o, cloud.BaseAddress))
            .Services.AddFlowerPowerCloud(o => o.Retry.Delay = TimeSpan.Zero).Services;
        await using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<FlowerPowerServerException>(() =>
            provider.GetRequiredService<IFlowerPowerClient>().GetGardenStatusAsync(TestContext.Current.CancellationToken));

        Assert.Equal(4, cloud.Requests("/garden/v1/status").Count);
        Assert.Equal(4, error.Attempts);
        Assert.Single(cloud.Requests("/garden/v1/status")[0].Headers!["User-Agent"]);
    }

    [Fact]
    public async Task Registering_twice_refreshes_once_on_a_persisting_401()
    {
        using var cloud = new StubCloud();
        cloud.WithPasswordGrant().WithRefreshGrant();
        cloud.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/garden/v1/status").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(401));
        var services = new ServiceCollection()
            .AddFlowerPowerCloud(o => TestCredentials.Configure(o, cloud.BaseAddress))
            .Services.AddFlowerPowerCloud(o => TestCredentials.Configure(o, cloud.BaseAddress)).Services;
        await using var provider = services.BuildServiceProvider();

        await Assert.ThrowsAsync<FlowerPowerAuthenticationException>(() =>
            provider.GetRequiredService<IFlowerPowerClient>().GetGardenStatusAsync(TestContext.Current.CancellationToken));

        Assert.Equal(2, cloud.Requests("/garden/v1/status").Count);
        Assert.Single(cloud.TokenRequests("refresh_token"));
    }

    [Fact]
    public async Task A_second_registration_changes_only_the_options_it_sets()
    {
        var services = new ServiceCollection()
            .AddFlowerPowerCloud(o => TestCredentials.Configure(o, _cloud.BaseAddress))
            .Services.AddFlowerPowerCloud(o => o.Retry.MaxRetryAttempts = 1).Services;
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<FlowerPowerClientOptions>>().Value;

        Assert.Equal(1, options.Retry.MaxRetryAttempts);
        Assert.Equal(TestCredentials.ClientId, options.ClientId);
        Assert.Single(services, d => d.ServiceType == typeof(FlowerPowerClient) && !d.IsKeyedService);
        Assert.Single(services, d => d.ServiceType == typeof(IFlowerPowerClient) && !d.IsKeyedService);
    }
}
