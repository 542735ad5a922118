using System.Diagnostics;
using FlowerPower.Cloud.Bridge.CommandLine;
using FlowerPower.Cloud.Tests.TestSupport;
using FlowerPower.Cloud.Tests.TestSupport.Bluez;

namespace FlowerPower.Cloud.Tests.Bridge;

/// <summary>The bridge as a program: its commands, exit codes and one-line failures, in process and as the built program.</summary>
public sealed class BridgeCommandLineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("sync --every 0")]
    [InlineData("live")]
    [InlineData("scan --seconds lots")]
    [InlineData("")]
    public async Task A_bad_argument_is_one_line_and_exit_code_2(string line)
    {
        var (code, output, error) = await RunAsync(line.Split(' ', StringSplitOptions.RemoveEmptyEntries), _ => null);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("flowerpower-bridge: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var (code, output, _) = await RunAsync(["--help"], _ => null);

        Assert.Equal(0, code);
        foreach (var command in new[] { "scan", "sync", "live", "blink", "--adapter" })
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_sync_without_credentials_says_which_to_set_and_never_takes_them_as_arguments()
    {
        var (code, _, error) = await RunAsync(["sync", "--once"], _ => null);
        var (passwordCode, _, _) = await RunAsync(["sync", "--once", "--password", "x"], _ => null);

        Assert.Equal(2, code);
        Assert.Contains("FLOWERPOWER_PASSWORD", error, StringComparison.Ordinal);
        Assert.Equal(2, passwordCode);
    }

    [Fact]
    public async Task No_bluez_on_the_bus_and_no_adapter_are_one_line_each_with_what_to_do()
    {
        using var bus = PrivateBus.Start();
        Func<string, string?> environment = name => name == "DBUS_SYSTEM_BUS_ADDRESS" ? bus.Address : null;

        var (missing, _, missingError) = await RunAsync(["scan", "--seconds", "0"], environment);
        await using (await FakeBluez.StartAsync(bus.Address, adapter: false))
        {
            var (absent, _, absentError) = await RunAsync(["scan", "--seconds", "0"], environment);
            Assert.Equal(1, absent);
            Assert.Contains("no Bluetooth adapter", absentError, StringComparison.Ordinal);
        }

        Assert.Equal(1, missing);
        Assert.Contains("apt install bluez", missingError, StringComparison.Ordinal);
        Assert.Single(missingError.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Sync_once_exits_1_with_a_line_for_the_sensor_that_failed_and_0_when_the_garden_is_synced()
    {
        await using var rig = await BridgeRig.StartAsync(TestDatabase.Sqlite);
        var basil = rig.Bluez.Add(new FakeSensor("A0:14:3D:08:01:85", ServerSession.AliceSensor).WithHistory(20, 19, DateTimeOffset.UtcNow));
        basil.StallAtFrames.UnionWith([2]);
        basil.DisconnectAtFrames.UnionWith([3]);
        basil.DropFrames.UnionWith([4]);

        var (failed, _, failure) = await RunAsync(["sync", "--once", "--scan-seconds", "0"], rig.Environment(), attempts: 2);
        var (synced, output, _) = await RunAsync(["sync", "--once", "--scan-seconds", "0"], rig.Environment());

        Assert.Equal(1, failed);
        Assert.Contains("Basil", failure, StringComparison.Ordinal);
        Assert.Contains("not synced", failure, StringComparison.Ordinal);
        Assert.Equal(0, synced);
        Assert.Contains("20 entries downloaded", output, StringComparison.Ordinal);
        Assert.Equal(20, (await rig.SamplesAsync()).Count);
        Assert.DoesNotContain(ServerSession.Password, failure + output, StringComparison.Ordinal);
        Assert.DoesNotContain(ServerSession.ClientSecret, failure + output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_names_each_sensor_its_readings_and_its_plant_and_blink_pulses_the_one_asked_for()
    {
        await using var rig = await BridgeRig.StartAsync(TestDatabase.Sqlite);
        var basil = rig.Bluez.Add(new FakeSensor("A0:14:3D:08:01:85", ServerSession.AliceSensor));
        rig.Bluez.Add(new FakeSensor("A0:14:3D:08:77:77", "PI040307AD5G207777"));

        var (code, output, _) = await RunAsync(["scan", "--seconds", "0"], rig.Environment());
        var (blink, _, _) = await RunAsync(["blink", ServerSession.AliceSensor], rig.Environment());
        var (live, reading, _) = await RunAsync(["live", "Flower power 0185"], rig.Environment());

        Assert.Equal(0, code);
        var lines = output.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, l => l.Contains("Flower power 0185", StringComparison.Ordinal) && l.Contains("plant Basil", StringComparison.Ordinal) && l.Contains("battery 87 %", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Flower power 7777", StringComparison.Ordinal) && l.Contains("in no location of your garden", StringComparison.Ordinal));
        Assert.Equal(0, blink);
        Assert.Equal(1, basil.Blinks);
        Assert.Equal(0, live);
        Assert.Contains("light ", reading, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_built_program_syncs_once_against_the_server_on_the_bus_it_is_given()
    {
        await using var rig = await BridgeRig.StartAsync(TestDatabase.Sqlite);
        rig.Bluez.Add(new FakeSensor("A0:14:3D:08:01:85", ServerSession.AliceSensor).WithHistory(30, 29, DateTimeOffset.UtcNow));
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "FlowerPower.Cloud.Bridge.exe" : "FlowerPower.Cloud.Bridge"), ["sync", "--once", "--scan-seconds", "0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = rig.Environment();
        foreach (var name in new[] { "FLOWERPOWER_BASE_ADDRESS", "FLOWERPOWER_CLIENT_ID", "FLOWERPOWER_CLIENT_SECRET", "FLOWERPOWER_USERNAME", "FLOWERPOWER_PASSWORD", "DBUS_SYSTEM_BUS_ADDRESS", "FLOWERPOWER_BRIDGE_STATE" })
        {
            start.Environment[name] = environment(name);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromMinutes(2), Ct);

        Assert.True(process.ExitCode == 0, await output + await error);
        Assert.Equal(30, (await rig.SamplesAsync()).Count);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string[] args, Func<string, string?> environment, int attempts = 3)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await BridgeCommandLine.RunAsync(args, output, error, environment, Ct, BridgeRig.Quick with { Attempts = attempts });
        return (code, output.ToString(), error.ToString());
    }
}
