using System.CommandLine;
using System.Globalization;
using FlowerPower.Cloud.Bridge.Bluetooth;
using FlowerPower.Cloud.Bridge.Sensors;

namespace FlowerPower.Cloud.Bridge.CommandLine;

/// <summary>
/// The bridge as a program: <c>scan</c>, <c>sync</c>, <c>live</c> and <c>blink</c>, over BlueZ on the D-Bus system
/// bus. A bad argument is one line on stderr and exit code 2; BlueZ, the adapter or the server missing is one line
/// saying what to do and exit code 1.
/// </summary>
internal static class BridgeCommandLine
{
    private const string Name = "flowerpower-bridge";

    /// <summary>Runs the command <paramref name="args"/> names.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where results go.</param>
    /// <param name="error">Where failures go.</param>
    /// <param name="environment">Reads an environment variable (the credentials, the bus, the state directory).</param>
    /// <param name="stopping">Stops the command (Ctrl+C, systemd's stop).</param>
    /// <param name="timings">How long to wait for sensors; a real sensor's when null.</param>
    /// <param name="time">The clock; the system's when null.</param>
    /// <returns>0 when done, 1 when it could not be done, 2 for a bad argument.</returns>
    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, Func<string, string?> environment, CancellationToken stopping, SensorTimings? timings = null, TimeProvider? time = null)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        time ??= TimeProvider.System;
        var root = new RootCommand("A Bluetooth bridge for Parrot Flower Power sensors: reads them through BlueZ and sends their history to your Flower Power server.") { HelpName = Name };
        var adapter = new Option<string>("--adapter") { Description = "the Bluetooth adapter", DefaultValueFactory = _ => "hci0", Recursive = true };
        var state = new Option<string?>("--state") { Description = "the state directory (spool, garden last seen); default FLOWERPOWER_BRIDGE_STATE, systemd's STATE_DIRECTORY or ~/.local/state/flowerpower-bridge", Recursive = true };
        root.Options.Add(adapter);
        root.Options.Add(state);

        BridgeSettings Settings(ParseResult result, int scanSeconds) => new(
            result.GetValue(adapter)!,
            TimeSpan.FromSeconds(scanSeconds),
            result.GetValue(state) ?? BridgeSettings.DefaultStateDirectory(environment),
            timings ?? SensorTimings.Default,
            environment("DBUS_SYSTEM_BUS_ADDRESS"));

        var scanSeconds = new Option<int>("--seconds") { Description = "how long to scan", DefaultValueFactory = _ => 10 };
        InRange(scanSeconds, 0, 600);
        var scan = new Command("scan", "lists every Flower Power in range: name, address, signal, serial, firmware, battery, live readings and its plant when signed in") { scanSeconds };
        scan.SetAction((result, ct) => Guarded(error, () => BridgeCommands.ScanAsync(Settings(result, result.GetValue(scanSeconds)), environment, output, time, ct)));

        var once = new Option<bool>("--once") { Description = "syncs once and exits: 0 when every garden sensor in range was synced, 1 otherwise" };
        var every = new Option<int>("--every") { Description = "minutes between syncs", DefaultValueFactory = _ => 15 };
        InRange(every, 1, 1440);
        var syncScan = new Option<int>("--scan-seconds") { Description = "how long each sync scans before it connects", DefaultValueFactory = _ => 10 };
        InRange(syncScan, 0, 600);
        var sync = new Command("sync", "sends the new history of each sensor of your garden in range to the server, every 15 minutes or --once") { once, every, syncScan };
        sync.SetAction((result, ct) => Guarded(error, () => BridgeCommands.SyncAsync(
            Settings(result, result.GetValue(syncScan)), environment, result.GetValue(once), TimeSpan.FromMinutes(result.GetValue(every)), output, error, time, ct)));

        var sensor = new Argument<string>("SENSOR") { Description = "the sensor: its address, its advertised name or its serial" };
        var liveEvery = new Option<int?>("--every") { Description = "seconds between readings; once when not given" };
        InRange(liveEvery, 1, 86400);
        var live = new Command("live", "reads a sensor's live values") { sensor, liveEvery };
        live.SetAction((result, ct) => Guarded(error, () => BridgeCommands.LiveAsync(Settings(result, 5), result.GetValue(sensor)!, result.GetValue(liveEvery), output, time, ct)));

        var blinkSensor = new Argument<string>("SENSOR") { Description = "the sensor: its address, its advertised name or its serial" };
        var blink = new Command("blink", "pulses a sensor's LED, so you see which one it is") { blinkSensor };
        blink.SetAction((result, ct) => Guarded(error, () => BridgeCommands.BlinkAsync(Settings(result, 5), result.GetValue(blinkSensor)!, output, time, ct)));

        root.Subcommands.Add(scan);
        root.Subcommands.Add(sync);
        root.Subcommands.Add(live);
        root.Subcommands.Add(blink);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var first = parsed.Errors.FirstOrDefault(e => parsed.UnmatchedTokens.Any(word => e.Message.Contains($"'{word}'", StringComparison.Ordinal))) ?? parsed.Errors[0];
            await error.WriteLineAsync($"{Name}: {string.Join(' ', first.Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))} (see --help)");
            return 2;
        }

        if (parsed.CommandResult.Command == root && !args.Any(a => a is "--help" or "-h" or "-?" or "--version"))
        {
            await error.WriteLineAsync($"{Name}: name a command: scan, sync, live or blink (see --help)");
            return 2;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, stopping);

        static void InRange(Option option, int min, int max) => option.Validators.Add(r =>
        {
            // A word that is no number is the parser's own error; only numbers are checked here.
            if (r.Tokens is [{ } token] && int.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && (value < min || value > max))
            {
                r.AddError($"{option.Name} must be {min} to {max}, not {value}");
            }
        });

        static async Task<int> Guarded(TextWriter error, Func<Task<int>> command)
        {
            try
            {
                return await command();
            }
            catch (BluetoothException e)
            {
                await error.WriteLineAsync($"{Name}: {e.Message}");
                return 1;
            }
            catch (BridgeUsageException e)
            {
                await error.WriteLineAsync($"{Name}: {e.Message}");
                return 2;
            }
            catch (OperationCanceledException)
            {
                return 0;
            }
        }
    }
}
