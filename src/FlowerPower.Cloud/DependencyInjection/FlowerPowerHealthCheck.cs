using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlowerPower.Cloud.DependencyInjection;

/// <summary>
/// Asks the cheap versions endpoint: Healthy when it answers, Unhealthy when the API cannot be reached or the
/// credentials are refused, with the SDK's own message (never a secret) as the description.
/// </summary>
internal sealed class FlowerPowerHealthCheck(IServiceProvider services, string registration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var client = services.GetRequiredKeyedService<IFlowerPowerClient>(registration);
        try
        {
            var versions = await client.GetVersionsAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"The Flower Power API answers (configuration {versions.UserConfigVersion}, status {versions.GardenStatusVersion}).");
        }
        catch (FlowerPowerAuthenticationException exception)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The Flower Power API refused the credentials: " + exception.Message);
        }
        catch (FlowerPowerException exception)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The Flower Power API cannot be used: " + exception.Message);
        }
    }
}
