using FlowerPower.Cloud.Bridge.Sensors;

namespace FlowerPower.Cloud.Bridge;

/// <summary>
/// How the bridge runs: the adapter, the scan, its state directory, its timings, and the server's credentials from
/// the environment (<c>FLOWERPOWER_BASE_ADDRESS</c>, <c>FLOWERPOWER_CLIENT_ID</c>, <c>FLOWERPOWER_CLIENT_SECRET</c>,
/// <c>FLOWERPOWER_USERNAME</c>, <c>FLOWERPOWER_PASSWORD</c>), never from the command line.
/// </summary>
/// <param name="Adapter">The Bluetooth adapter ("hci0").</param>
/// <param name="ScanDuration">How long a sync scans before it connects.</param>
/// <param name="StateDirectory">Where the spool and the garden last seen are kept.</param>
/// <param name="Timings">How long to wait for a sensor.</param>
/// <param name="BusAddress">The D-Bus system bus, as <c>DBUS_SYSTEM_BUS_ADDRESS</c> gives it (null: the standard socket).</param>
internal sealed record BridgeSettings(string Adapter, TimeSpan ScanDuration, string StateDirectory, SensorTimings Timings, string? BusAddress)
{
    /// <summary>The names of the credentials' variables.</summary>
    public static readonly string[] CredentialVariables = ["FLOWERPOWER_CLIENT_ID", "FLOWERPOWER_CLIENT_SECRET", "FLOWERPOWER_USERNAME", "FLOWERPOWER_PASSWORD"];

    /// <summary>The <c>app_version</c> uploads carry.</summary>
    public static string AppVersion { get; } = "flowerpower-bridge " + (typeof(BridgeSettings).Assembly.GetName().Version?.ToString(3) ?? "1.0.0");

    /// <summary>
    /// The state directory: <c>FLOWERPOWER_BRIDGE_STATE</c>, else systemd's <c>STATE_DIRECTORY</c>, else
    /// <c>~/.local/state/flowerpower-bridge</c>.
    /// </summary>
    /// <param name="environment">Reads a variable.</param>
    /// <returns>The folder.</returns>
    public static string DefaultStateDirectory(Func<string, string?> environment) =>
        environment("FLOWERPOWER_BRIDGE_STATE") is { Length: > 0 } own ? own
        : environment("STATE_DIRECTORY") is { Length: > 0 } systemd ? systemd.Split(':')[0]
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state", "flowerpower-bridge");

    /// <summary>The client options the environment gives, or why it gives none.</summary>
    /// <param name="environment">Reads a variable.</param>
    /// <param name="options">The options, when all credentials are set.</param>
    /// <returns>Null when the options are complete; else what is missing or wrong.</returns>
    public static string? ClientOptions(Func<string, string?> environment, out FlowerPowerClientOptions? options)
    {
        options = null;
        var missing = CredentialVariables.Where(v => string.IsNullOrEmpty(environment(v))).ToList();
        if (missing.Count > 0)
        {
            return $"set {string.Join(", ", missing)} (in the environment or the unit's EnvironmentFile; never on the command line)";
        }

        var result = new FlowerPowerClientOptions
        {
            ClientId = environment("FLOWERPOWER_CLIENT_ID"),
            ClientSecret = environment("FLOWERPOWER_CLIENT_SECRET"),
            Username = environment("FLOWERPOWER_USERNAME"),
            Password = environment("FLOWERPOWER_PASSWORD"),
        };
        if (environment("FLOWERPOWER_BASE_ADDRESS") is { Length: > 0 } address)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
            {
                return "FLOWERPOWER_BASE_ADDRESS must be an http:// or https:// address";
            }

            result.BaseAddress = baseAddress;
        }

        options = result;
        return null;
    }
}
