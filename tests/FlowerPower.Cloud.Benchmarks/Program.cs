using BenchmarkDotNet.Running;
using FlowerPower.Cloud.Benchmarks;

// "server" measures the self-hosted server (import rate, window time); "server-load" it under a club's uploads and
// readers; "web-year" the web garden's year view; "floor" the SDK against a plain HttpClient
// over a fixture server in a process of its own; "allocations" which types a call allocates, on both sides; anything
// else goes to BenchmarkDotNet.
if (args is ["server", .. var rest])
{
    return await ServerBenchmark.RunAsync(rest);
}

if (args is ["server-load", .. var load])
{
    return await ServerLoadBenchmark.RunAsync(load);
}

if (args is ["web-year", .. var web])
{
    return await WebGardenBenchmark.RunAsync(web);
}

if (args is ["serve-fixtures", .. var latency])
{
    return await FixtureServer.RunAsync(latency is [var milliseconds] ? TimeSpan.FromMilliseconds(int.Parse(milliseconds, System.Globalization.CultureInfo.InvariantCulture)) : TimeSpan.Zero);
}

if (args is ["allocations", .. var allocationArgs])
{
    var endpoints = allocationArgs.Where(argument => argument != "--short").ToArray();
    return await AllocationBenchmark.RunAsync(
        endpoints switch { [] => "versions", [var name] => name, _ => string.Join(' ', endpoints) },
        allocationArgs.Contains("--short"));
}

if (args is ["floor", .. var options])
{
    return await FloorBenchmark.RunAsync(options.Contains("--short"));
}

BenchmarkSwitcher.FromAssembly(typeof(ServerBenchmark).Assembly).Run(args);
return 0;
