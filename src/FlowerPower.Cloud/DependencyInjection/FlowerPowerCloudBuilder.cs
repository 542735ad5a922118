using Microsoft.Extensions.DependencyInjection;

namespace FlowerPower.Cloud.DependencyInjection;

/// <summary>The builder of one registration: its name and its two named HTTP clients.</summary>
internal sealed class FlowerPowerCloudBuilder(IServiceCollection services, string name) : IFlowerPowerCloudBuilder
{
    public IServiceCollection Services { get; } = services;

    public string Name { get; } = name;

    public IFlowerPowerCloudBuilder ConfigureHttpClients(Action<IHttpClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Services.AddHttpClient(FlowerPowerPipeline.ResourceClientNameOf(Name)));
        configure(Services.AddHttpClient(FlowerPowerPipeline.TokenClientNameOf(Name)));
        return this;
    }
}
