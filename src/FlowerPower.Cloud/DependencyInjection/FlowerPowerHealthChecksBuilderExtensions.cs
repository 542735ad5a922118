using FlowerPower.Cloud.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds a health check of the Flower Power API to an app's health checks.</summary>
public static class FlowerPowerHealthChecksBuilderExtensions
{
    /// <summary>
    /// Checks a registered client with the cheap versions call: Healthy when the API answers, Unhealthy (or
    /// <paramref name="failureStatus"/>) when it cannot be reached or refuses the credentials.
    /// </summary>
    /// <param name="builder">The app's health checks.</param>
    /// <param name="registration">The <c>AddFlowerPowerCloud</c> registration to check: empty for the unnamed one.</param>
    /// <param name="name">The check's name. Default "flowerpower-cloud" (with the registration's name after a colon).</param>
    /// <param name="failureStatus">What a failure reports. Default Unhealthy.</param>
    /// <param name="tags">Tags to filter the check by.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHealthChecksBuilder AddFlowerPowerCloud(
        this IHealthChecksBuilder builder, string registration = "", string? name = null, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(registration);
        return builder.Add(new HealthCheckRegistration(
            name ?? (registration.Length == 0 ? "flowerpower-cloud" : $"flowerpower-cloud:{registration}"),
            services => new FlowerPowerHealthCheck(services, registration),
            failureStatus,
            tags));
    }
}
