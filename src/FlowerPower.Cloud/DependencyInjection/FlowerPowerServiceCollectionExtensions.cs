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
    /// starts; a wrong one fails the start with a message that names it. Registering again adds only its settings.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding <see cref="FlowerPowerClientOptions"/>.</param>
    /// <returns>The registration, to shape its HTTP clients.</returns>
    public static IFlowerPowerCloudBuilder AddFlowerPowerCloud(this IServiceCollection services, IConfiguration configuration) =>
        services.AddFlowerPowerCloud(Options.Options.DefaultName, configuration);

    /// <summary>
    /// Registers <see cref="FlowerPowerClient"/> and <see cref="IFlowerPowerClient"/> (singletons, HTTP through
    /// <see cref="System.Net.Http.IHttpClientFactory"/>) with settings set in code. Registering again adds only its settings.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the <see cref="FlowerPowerClientOptions"/>.</param>
    /// <returns>The registration, to shape its HTTP clients.</returns>
    public static IFlowerPowerCloudBuilder AddFlowerPowerCloud(this IServiceCollection services, Action<FlowerPowerClientOptions> configure) =>
        services.AddFlowerPowerCloud(Options.Options.DefaultName, configure);

    /// <summary>
    /// Registers a client for one account of several under <paramref name="name"/>, as keyed services: resolve it with
    /// <c>GetRequiredKeyedService&lt;IFlowerPowerClient&gt;(name)</c> or <c>[FromKeyedServices(name)]</c>. Each name
    /// has its own settings, tokens and HTTP clients; an <see cref="ITokenStore"/> registered under the same key is
    /// its store (else the unkeyed one).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The registration's name and service key.</param>
    /// <param name="configuration">The section holding this account's <see cref="FlowerPowerClientOptions"/>.</param>
    /// <returns>The registration, to shape its HTTP clients.</returns>
    public static IFlowerPowerCloudBuilder AddFlowerPowerCloud(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FlowerPowerClientOptions>(name).Bind(configuration).ValidateOnStart();
        return services.AddFlowerPowerCore(name);
    }

    /// <summary>Registers a client for one account of several under <paramref name="name"/>, with settings set in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The registration's name and service key.</param>
    /// <param name="configure">Sets this account's <see cref="FlowerPowerClientOptions"/>.</param>
    /// <returns>The registration, to shape its HTTP clients.</returns>
    public static IFlowerPowerCloudBuilder AddFlowerPowerCloud(this IServiceCollection services, string name, Action<FlowerPowerClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<FlowerPowerClientOptions>(name).Configure(configure).ValidateOnStart();
        return services.AddFlowerPowerCore(name);
    }

    private static IFlowerPowerCloudBuilder AddFlowerPowerCore(this IServiceCollection services, string name)
    {
        var builder = new FlowerPowerCloudBuilder(services, name);

        // A second registration of a name (two libraries of one app both registering the SDK) adds its settings and nothing else.
        if (services.Any(d => d.ServiceType == typeof(FlowerPowerRegistration) && d.ImplementationInstance is FlowerPowerRegistration r && r.Name == name))
        {
            return builder;
        }

        services.AddSingleton(new FlowerPowerRegistration(name));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FlowerPowerClientOptions>, FlowerPowerClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddKeyedSingleton(name, (sp, _) =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new FlowerPowerPipeline(
                sp.GetRequiredService<IOptionsMonitor<FlowerPowerClientOptions>>().Get(name),
                FlowerPowerClientOptionsValidator.TokenStoreOf(sp, name),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILoggerFactory>(),
                () => factory.CreateClient(FlowerPowerPipeline.TokenClientNameOf(name)));
        });

        services.AddHttpClient(FlowerPowerPipeline.TokenClientNameOf(name))
            .ConfigureHttpClient((sp, client) => sp.GetRequiredKeyedService<FlowerPowerPipeline>(name).ConfigureHttpClient(client));
        services.AddHttpClient(FlowerPowerPipeline.ResourceClientNameOf(name))
            .ConfigureHttpClient((sp, client) => sp.GetRequiredKeyedService<FlowerPowerPipeline>(name).ConfigureHttpClient(client));

        services.AddKeyedSingleton(name, (sp, _) =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new FlowerPowerClient(
                sp.GetRequiredKeyedService<FlowerPowerPipeline>(name),
                () => FlowerPowerPipeline.CreateApi(factory.CreateClient(FlowerPowerPipeline.ResourceClientNameOf(name))));
        });
        services.AddKeyedSingleton<IFlowerPowerClient>(name, (sp, _) => sp.GetRequiredKeyedService<FlowerPowerClient>(name));
        if (name.Length == 0)
        {
            services.TryAddSingleton(sp => sp.GetRequiredKeyedService<FlowerPowerClient>(string.Empty));
            services.TryAddSingleton<IFlowerPowerClient>(sp => sp.GetRequiredKeyedService<FlowerPowerClient>(string.Empty));
        }

        return builder;
    }
}
