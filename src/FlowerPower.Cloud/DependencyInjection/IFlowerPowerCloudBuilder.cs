using Microsoft.Extensions.DependencyInjection;

namespace FlowerPower.Cloud;

/// <summary>
/// What <c>AddFlowerPowerCloud</c> returns: the registration it made, and a way to shape the HTTP clients underneath
/// (a proxy, a primary handler, an extra handler, the HTTP version) for both the resource and the token requests.
/// </summary>
public interface IFlowerPowerCloudBuilder
{
    /// <summary>The service collection the client is registered in.</summary>
    IServiceCollection Services { get; }

    /// <summary>The registration's name: empty for the unnamed client, else the key of its keyed services.</summary>
    string Name { get; }

    /// <summary>Configures both underlying HTTP clients (resource requests and token requests) of this registration.</summary>
    /// <param name="configure">Called once for each of the two <see cref="IHttpClientBuilder"/>s.</param>
    /// <returns>This builder, for chaining.</returns>
    IFlowerPowerCloudBuilder ConfigureHttpClients(Action<IHttpClientBuilder> configure);
}
