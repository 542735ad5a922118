namespace FlowerPower.Cloud.DependencyInjection;

/// <summary>Marks a name under which the SDK's services are registered, so a second registration of it adds none.</summary>
internal sealed class FlowerPowerRegistration(string name)
{
    public string Name { get; } = name;
}
