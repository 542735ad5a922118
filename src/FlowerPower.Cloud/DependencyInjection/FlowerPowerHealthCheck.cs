using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlowerPower.Cloud.DependencyInjection;

/// <summary>
/// Asks the cheap versions endpoint once, within its budget: Healthy when it answers, Unhealthy when the API cannot
/// be reached, answers too late or refuses the credentials, with the SDK's own message (never a secret) as the
/// description. The probe makes one attempt outside the client's retries and circuit breaker, so a host's probes
/// answer within its probe timeout and never open the breaker its callers depend on.
/// </summary>
internal sealed class FlowerPowerHealthCheck(IServiceProvider services, string registration, TimeSpan budget) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var client = services.GetRequiredKeyedService<IFlowerPowerClient>(registration);
        try
        {
            var versions = client is FlowerPowerClient sdk
                ? await sdk.ProbeAsync(budget, cancellationToken).ConfigureAwait(false)
                : await client.GetVersionsAsync(cancellationToken).WaitAsync(budget, cancellationToken).ConfigureAwait(false);
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
        catch (TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"The Flower Power API did not answer within {budget}.");
        }
    }
}
