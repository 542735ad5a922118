using FlowerPower.Cloud.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds a health check of the Flower Power API to an app's health checks.</summary>
public static class FlowerPowerHealthChecksBuilderExtensions
{
    /// <summary>The default time a probe may take: within the 10 to 30 seconds hosts and orchestrators give a probe.</summary>
    public static readonly TimeSpan DefaultProbeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Checks a registered client with the cheap versions call: Healthy when the API answers, Unhealthy (or
    /// <paramref name="failureStatus"/>) when it cannot be reached, answers too late or refuses the credentials. The
    /// probe is one attempt within <paramref name="timeout"/>, outside the client's retries and circuit breaker, so
    /// probing never delays or breaks the calls of the app itself.
    /// </summary>
    /// <param name="builder">The app's health checks.</param>
    /// <param name="registration">The <c>AddFlowerPowerCloud</c> registration to check: empty for the unnamed one.</param>
    /// <param name="name">The check's name. Default "flowerpower-cloud" (with the registration's name after a colon).</param>
    /// <param name="failureStatus">What a failure reports. Default Unhealthy.</param>
    /// <param name="tags">Tags to filter the check by.</param>
    /// <param name="timeout">How long the probe may take, token request included. Default <see cref="DefaultProbeTimeout"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHealthChecksBuilder AddFlowerPowerCloud(
        this IHealthChecksBuilder builder, string registration = "", string? name = null, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(registration);
        var budget = timeout ?? DefaultProbeTimeout;
        if (budget <= TimeSpan.Zero || budget == Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A probe's timeout must be positive and finite.");
        }

        return builder.Add(new HealthCheckRegistration(
            name ?? (registration.Length == 0 ? "flowerpower-cloud" : $"flowerpower-cloud:{registration}"),
            services => new FlowerPowerHealthCheck(services, registration, budget),
            failureStatus,
            tags));
    }
}
