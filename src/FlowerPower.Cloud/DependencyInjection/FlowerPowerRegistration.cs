namespace FlowerPower.Cloud.DependencyInjection;

/// <summary>Marks a service collection in which the SDK's services are registered, so a second registration adds none.</summary>
internal sealed class FlowerPowerRegistration
{
}
