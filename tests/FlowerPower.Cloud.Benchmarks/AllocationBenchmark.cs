using System.Globalization;

namespace FlowerPower.Cloud.Benchmarks;

/// <summary>
/// Where a call's bytes and processor time go: the types allocated by many calls of one endpoint, through the SDK and
/// through the floor, against the fixture server, with each type's share of the bytes, and this process's processor
/// time a call (user and system; the server's is not counted).
/// <code>dotnet run -c Release --project tests/FlowerPower.Cloud.Benchmarks -- allocations [versions|status|configuration|window|stream] [--short]</code>
/// </summary>
internal static class AllocationBenchmark
{
    private const int Shown = 25;

    public static async Task<int> RunAsync(string endpoint, bool isShort)
    {
        var calls = isShort ? 1_000 : 50_000;
        if (!FloorBenchmark.Endpoints.Contains(endpoint))
        {
            await Console.Error.WriteLineAsync($"unknown endpoint '{endpoint}': use {string.Join(", ", FloorBenchmark.Endpoints)}");
            return 2;
        }

        // A 10-day window takes about twenty versions calls' time, a year's stream several hundred.
        calls /= endpoint switch { "window" => 20, "stream" => 500, _ => 1 };
        using var server = FloorBenchmark.StartServer(out var address);
        try
        {
            using var client = FloorBenchmark.CreateClient(address);
            using var http = FloorBenchmark.CreateFloor(address);
            var (clientCall, floorCall) = FloorBenchmark.Calls(endpoint, client, http);
            await ReportAsync("client", clientCall, calls);
            await ReportAsync("floor", floorCall, calls);
            return 0;
        }
        finally
        {
            await server.StandardInput.WriteLineAsync();
            await server.WaitForExitAsync();
        }
    }

    private static async Task ReportAsync(string side, Func<Task> call, int calls)
    {
        // Warm first, so the JIT's own allocations and tiering are not sampled.
        for (var i = 0; i < calls / 5; i++)
        {
            await call();
        }

        using var sampler = new AllocationSampler();
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var (userBefore, systemBefore) = ProcessorTime();
        sampler.Recording = true;
        for (var i = 0; i < calls; i++)
        {
            await call();
        }

        sampler.Recording = false;
        var (userAfter, systemAfter) = ProcessorTime();
        var perCall = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)calls;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{side}: {perCall:F0} bytes a call; processor time a call: {(userAfter - userBefore).TotalMicroseconds / calls:F1} µs user, {(systemAfter - systemBefore).TotalMicroseconds / calls:F1} µs system"));
        foreach (var (type, share) in sampler.Shares().Take(Shown))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {share * perCall,6:F0} B  {share,6:P1}  {type}"));
        }
    }

    private static (TimeSpan User, TimeSpan System) ProcessorTime()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return (self.UserProcessorTime, self.PrivilegedProcessorTime);
    }
}
