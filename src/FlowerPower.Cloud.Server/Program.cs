using System.Globalization;
using FlowerPower.Cloud.Server.CommandLine;

// A network service's words go to logs, the wire and the database: every thread formats them the invariant way,
// whatever the machine's culture (a Persian calendar would otherwise date the log lines in 1405).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;

// dotnet run --project src/FlowerPower.Cloud.Server -- serve --urls http://127.0.0.1:5090 [--database flowerpower.db | --postgres "Host=...;..."]
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

return await ServerCommandLine.RunAsync(args, Console.Out, Console.Error, stop.Token);
