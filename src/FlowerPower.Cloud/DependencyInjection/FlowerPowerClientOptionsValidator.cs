using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlowerPower.Cloud.DependencyInjection;

/// <summary>
/// Validates the settings when the container first reads them (at start-up with <c>ValidateOnStart</c>), with the
/// same rules and messages as the client's constructor. The password may be left out when an
/// <see cref="ITokenStore"/> is registered.
/// </summary>
internal sealed class FlowerPowerClientOptionsValidator(IServiceProvider services) : IValidateOptions<FlowerPowerClientOptions>
{
    public ValidateOptionsResult Validate(string? name, FlowerPowerClientOptions options)
    {
        var problems = options.Validate(passwordRequired: TokenStoreOf(services, name ?? string.Empty) is null);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>The token store of a registration: one registered under its name, else the unkeyed one, else none.</summary>
    public static ITokenStore? TokenStoreOf(IServiceProvider services, string name) =>
        (name.Length > 0 ? services.GetKeyedService<ITokenStore>(name) : null) ?? services.GetService<ITokenStore>();
}
