using FlowerPower.Cloud.Emulator.Tool.CommandLine;

// dotnet run --project src/FlowerPower.Cloud.Emulator.Tool -- --urls http://127.0.0.1:5080 [--seed 42] [--token-lifetime 172800]
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

return await EmulatorCommandLine.RunAsync(args, Console.Out, Console.Error, stop.Token);
