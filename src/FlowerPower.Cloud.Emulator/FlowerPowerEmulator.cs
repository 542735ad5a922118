using FlowerPower.Cloud.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Emulator;

/// <summary>
/// A local Flower Power Cloud, in the way Azurite serves Azure Storage: the six endpoints with the real wire
/// format, tokens that expire and rotate, the 10-day rule, a deterministic demo garden and faults on demand.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await FlowerPowerEmulator.StartAsync();
/// using var client = new FlowerPowerClient(emulator.CreateClientOptions());
/// </code>
/// </example>
public sealed class FlowerPowerEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorState _state;

    private FlowerPowerEmulator(WebApplication app, EmulatorState state, Uri baseAddress)
    {
        _app = app;
        _state = state;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the emulator listens, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Faults injected into resource requests; change them while the emulator runs.</summary>
    public EmulatorFaults Faults => _state.Faults;

    /// <summary>The location identifiers of the demo garden, in the configuration's order.</summary>
    public IReadOnlyList<string> LocationIdentifiers => _state.Garden.Locations.Select(l => l.LocationIdentifier).ToList();

    /// <summary>Starts an emulator; by default on 127.0.0.1 with a free port.</summary>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="loggerFactory">Where the emulator's own logs go; none by default.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    public static async Task<FlowerPowerEmulator> StartAsync(
        FlowerPowerEmulatorOptions? options = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        options ??= new FlowerPowerEmulatorOptions();
        var state = new EmulatorState(options);
        var (app, address) = await CloudHost.StartAsync(
            typeof(FlowerPowerEmulator), options.Urls, loggerFactory, app => EmulatorEndpoints.Map(app, state), cancellationToken).ConfigureAwait(false);
        return new FlowerPowerEmulator(app, state, address);
    }

    /// <summary>Client settings for the demo account on this emulator, ready to use.</summary>
    /// <returns>New options; change them freely.</returns>
    public FlowerPowerClientOptions CreateClientOptions() => new()
    {
        BaseAddress = BaseAddress,
        ClientId = DemoAccount.ClientId,
        ClientSecret = DemoAccount.ClientSecret,
        Username = DemoAccount.Username,
        Password = DemoAccount.Password,
    };

    /// <summary>Waters a plant now: its soil moisture jumps and the garden's status version grows.</summary>
    /// <param name="locationIdentifier">The location.</param>
    /// <returns>Whether the location exists.</returns>
    public bool WaterPlant(string locationIdentifier) => _state.Garden.WaterPlant(locationIdentifier);

    /// <summary>Renames a plant: the garden's configuration version grows.</summary>
    /// <param name="locationIdentifier">The location.</param>
    /// <param name="nickname">The new name.</param>
    /// <returns>Whether the location exists.</returns>
    public bool RenamePlant(string locationIdentifier, string nickname) => _state.Garden.RenamePlant(locationIdentifier, nickname);

    /// <summary>Makes every access token invalid at once, as a server restart would; refresh tokens stay valid.</summary>
    public void RevokeAccessTokens() => _state.Tokens.RevokeAccessTokens();

    /// <summary>Waits until the emulator stops (Ctrl+C when run as a program).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the emulator has stopped.</returns>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the emulator.</summary>
    /// <returns>A task that completes when it has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
