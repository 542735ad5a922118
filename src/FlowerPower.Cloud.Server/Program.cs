using FlowerPower.Cloud.Server.CommandLine;

// dotnet run --project src/FlowerPower.Cloud.Server -- serve --urls http://127.0.0.1:5090 [--database flowerpower.db | --postgres "Host=...;..."]
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

return await ServerCommandLine.RunAsync(args, Console.Out, Console.Error, stop.Token);
