using BenchmarkDotNet.Running;
using FlowerPower.Cloud.Benchmarks;

// "server" measures the self-hosted server (import rate, window time); anything else goes to BenchmarkDotNet.
if (args is ["server", .. var rest])
{
    return await ServerBenchmark.RunAsync(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(ServerBenchmark).Assembly).Run(args);
return 0;
