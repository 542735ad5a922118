using FlowerPower.Cloud;
using FlowerPower.Cloud.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Flower Power Cloud client with a service collection.</summary>
public static class FlowerPowerServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="FlowerPowerClient"/> and <see cref="IFlowerPowerClient"/> (singletons, HTTP through
    /// <see cref="System.Net.Http.IHttpClientFactory"/>) with settings bound from a configuration section, for
    /// example <c>builder.Configuration.GetSection("FlowerPower")</c>. The settings are validated when the host
    /// starts; a wrong one fails the start with a message that names it.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding <see cref="FlowerPowerClientOptions"/>.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddFlowerPowerCloud(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FlowerPowerClientOptions>().Bind(configuration).ValidateOnStart();
        return services.AddFlowerPowerCore();
    }

    /// <summary>
    /// Registers <see cref="FlowerPowerClient"/> and <see cref="IFlowerPowerClient"/> (singletons, HTTP through
    /// <see cref="System.Net.Http.IHttpClientFactory"/>) with settings set in code.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the <see cref="FlowerPowerClientOptions"/>.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddFlowerPowerCloud(this IServiceCollection services, Action<FlowerPowerClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<FlowerPowerClientOptions>().Configure(configure).ValidateOnStart();
        return services.AddFlowerPowerCore();
    }

    private static IServiceCollection AddFlowerPowerCore(this IServiceCollection services)
    {
        // A second registration (two libraries of one app both registering the SDK) adds its options and nothing else.
        if (services.Any(d => d.ServiceType == typeof(FlowerPowerRegistration)))
        {
            return services;
        }

        services.AddSingleton<FlowerPowerRegistration>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FlowerPowerClientOptions>, FlowerPowerClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new FlowerPowerPipeline(
                sp.GetRequiredService<IOptions<FlowerPowerClientOptions>>().Value,
                sp.GetService<ITokenStore>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILoggerFactory>(),
                () => factory.CreateClient(FlowerPowerPipeline.TokenClientName));
        });

        services.AddHttpClient(FlowerPowerPipeline.TokenClientName)
            .ConfigureHttpClient((sp, client) => sp.GetRequiredService<FlowerPowerPipeline>().ConfigureHttpClient(client));
        services.AddHttpClient(FlowerPowerPipeline.ResourceClientName)
            .ConfigureHttpClient((sp, client) => sp.GetRequiredService<FlowerPowerPipeline>().ConfigureHttpClient(client));

        services.TryAddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new FlowerPowerClient(
                sp.GetRequiredService<FlowerPowerPipeline>(),
                () => FlowerPowerPipeline.CreateApi(factory.CreateClient(FlowerPowerPipeline.ResourceClientName)));
        });
        services.TryAddSingleton<IFlowerPowerClient>(sp => sp.GetRequiredService<FlowerPowerClient>());
        return services;
    }
}
