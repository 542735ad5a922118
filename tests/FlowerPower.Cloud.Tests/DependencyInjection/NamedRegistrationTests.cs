using System.Net;
using FlowerPower.Cloud.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace FlowerPower.Cloud.Tests.DependencyInjection;

/// <summary>Several accounts in one app as keyed services, and the HTTP clients underneath reachable through the builder.</summary>
public sealed class NamedRegistrationTests : IDisposable
{
    private readonly StubCloud _shop = new();
    private readonly StubCloud _customer = new();

    public NamedRegistrationTests()
    {
        _shop.WithPasswordGrant(TestCredentials.AccessToken1).WithGet("/garden/v1/status", Fixtures.Read("bela_status.json"));
        _customer.WithPasswordGrant(TestCredentials.AccessToken2).WithGet("/garden/v1/status", Fixtures.Read("barnabas_status.json"));
    }

    public void Dispose()
    {
        _shop.Dispose();
        _customer.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Named_registrations_are_keyed_services_with_their_own_settings_and_tokens()
    {
        var services = new ServiceCollection();
        services.AddFlowerPowerCloud("shop", o => TestCredentials.Configure(o, _shop.BaseAddress));
        services.AddFlowerPowerCloud("customer", o => TestCredentials.Configure(o, _customer.BaseAddress));
        await using var provider = services.BuildServiceProvider();

        var shop = provider.GetRequiredKeyedService<IFlowerPowerClient>("shop");
        var customer = provider.GetRequiredKeyedService<IFlowerPowerClient>("customer");
        var shopStatus = await shop.GetGardenStatusAsync(Ct);
        var customerStatus = await customer.GetGardenStatusAsync(Ct);
        await shop.GetGardenStatusAsync(Ct);

        Assert.NotSame(shop, customer);
        Assert.Single(shopStatus.Locations);
        Assert.Equal(47, customerStatus.Locations.Count);
        Assert.Single(_shop.TokenRequests());
        Assert.Single(_customer.TokenRequests());
        Assert.All(_shop.Requests("/garden/v1/status"), r => Assert.Equal("Bearer " + TestCredentials.AccessToken1, r.Headers!["Authorization"].Single()));
        Assert.All(_customer.Requests("/garden/v1/status"), r => Assert.Equal("Bearer " + TestCredentials.AccessToken2, r.Headers!["Authorization"].Single()));
        Assert.Null(provider.GetService<IFlowerPowerClient>());
    }

    [Fact]
    public async Task The_unnamed_registration_stays_as_it_is_beside_named_ones()
    {
        var services = new ServiceCollection();
        services.AddFlowerPowerCloud(o => TestCredentials.Configure(o, _shop.BaseAddress));
        services.AddFlowerPowerCloud("customer", o => TestCredentials.Configure(o, _customer.BaseAddress));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IFlowerPowerClient>().GetGardenStatusAsync(Ct);
        await provider.GetRequiredKeyedService<FlowerPowerClient>("customer").GetGardenStatusAsync(Ct);

        Assert.Same(provider.GetRequiredService<FlowerPowerClient>(), provider.GetRequiredService<IFlowerPowerClient>());
        Assert.Single(_shop.Requests("/garden/v1/status"));
        Assert.Single(_customer.Requests("/garden/v1/status"));
    }

    [Fact]
    public async Task A_primary_handler_set_through_the_builder_carries_every_request()
    {
        var handler = new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json(HttpStatusCode.OK, Fixtures.Read("bela_status.json"))));
        var services = new ServiceCollection();
        services.AddFlowerPowerCloud("scripted", o => TestCredentials.Configure(o, new Uri("https://scripted.flowerpower.test")))
            .ConfigureHttpClients(http => http.ConfigurePrimaryHttpMessageHandler(() => handler));
        await using var provider = services.BuildServiceProvider();

        var status = await provider.GetRequiredKeyedService<IFlowerPowerClient>("scripted").GetGardenStatusAsync(Ct);

        Assert.Single(status.Locations);
        Assert.Equal(1, handler.ResourceAttempts);
    }

    [Fact]
    public async Task A_name_registered_twice_is_the_same_as_once()
    {
        using var cloud = new StubCloud();
        cloud.WithPasswordGrant();
        var status = Request.Create().WithPath("/garden/v1/status").UsingGet();
        cloud.Server.Given(status).InScenario("once").WillSetStateTo("up").RespondWith(Response.Create().WithStatusCode(503));
        cloud.Server.Given(status).InScenario("once").WhenStateIs("up").RespondWith(StubCloud.Json(Fixtures.Read("bela_status.json")));
        var services = new ServiceCollection();
        services.AddFlowerPowerCloud("twice", o => TestCredentials.Configure(o, cloud.BaseAddress));
        services.AddFlowerPowerCloud("twice", o => o.Retry.MaxRetryAttempts = 3);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<IFlowerPowerClient>("twice").GetGardenStatusAsync(Ct);

        Assert.Equal(2, cloud.Requests("/garden/v1/status").Count);
        Assert.Single(services, d => d.IsKeyedService && Equals(d.ServiceKey, "twice") && d.ServiceType == typeof(IFlowerPowerClient));
    }
}
