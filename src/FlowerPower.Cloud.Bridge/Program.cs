using System.Runtime.InteropServices;
using FlowerPower.Cloud.Bridge.CommandLine;

// flowerpower-bridge sync --once   (FLOWERPOWER_* in the environment; DBUS_SYSTEM_BUS_ADDRESS for another bus)
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    // systemd's stop: finish the exchange in hand (what is spooled stays), then exit.
    context.Cancel = true;
    stop.Cancel();
});

return await BridgeCommandLine.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable, stop.Token);
