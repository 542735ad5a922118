using FlowerPower.Cloud.Samples;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

return await SampleApp.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable, stop.Token);
