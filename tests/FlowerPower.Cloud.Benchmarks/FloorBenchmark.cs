using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FlowerPower.Cloud.Api;

namespace FlowerPower.Cloud.Benchmarks;

/// <summary>
/// The SDK against the floor: a plain <see cref="HttpClient"/> with a bearer header and
/// <c>JsonSerializer.DeserializeAsync</c> into the same types with the SDK's own JSON context. The server is a
/// separate process (<see cref="FixtureServer"/>); client and floor alternate in rounds in the same run.
/// <code>dotnet run -c Release --project tests/FlowerPower.Cloud.Benchmarks -- floor [--short]</code>
/// </summary>
internal static class FloorBenchmark
{
    /// <summary>The endpoints <see cref="Calls"/> pairs, by the names the benchmarks take on their command lines.</summary>
    internal static readonly string[] Endpoints = ["versions", "status", "configuration", "window", "stream"];

    private static readonly DateTimeOffset Origin = new(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(bool isShort)
    {
        // A second server answers after 10 ms, as a cloud across the internet would: there the stream's windows in
        // flight overlap waiting, where on loopback they can only share this machine's two cores with the server.
        using var server = StartServer(out var address);
        using var distantServer = StartServer(out var distantAddress, latencyMilliseconds: 10);
        try
        {
            using var client = CreateClient(address);
            using var http = CreateFloor(address);
            using var distantClient = CreateClient(distantAddress);
            using var distantHttp = CreateFloor(distantAddress);

            // Where a small call's cost goes: the same client with parts of its stack switched off through its public
            // options, against the same floor.
            using var withoutPolicies = CreateClient(address, options =>
            {
                options.Timeout = Timeout.InfiniteTimeSpan;
                options.Retry.MaxRetryAttempts = 0;
                options.Retry.EnableCircuitBreaker = false;
            });
            using var plainHandler = PlainHandler();
            using var withoutDecompression = CreateClient(address, primaryHandler: plainHandler);

            // And with no network at all: both sides over the same in-memory answers, so only their own code is timed.
            var memoryAddress = new Uri("https://cloud.invalid/");
            using var memory = new InMemoryCloud(FixtureServer.Versions, FixtureServer.Versions);
            using var memoryClient = CreateClient(memoryAddress, primaryHandler: memory);
            using var memoryFloor = CreateFloor(memoryAddress, memory);

            var rounds = isShort ? 2 : 31;
            var repeat = isShort ? 5 : 60;
            var scenarios = new (string Name, int Concurrency, int Repeat, (Func<Task> Client, Func<Task> Floor) Calls, Process Server)[]
            {
                ("garden status, 47 locations", 1, repeat, Calls("status", client, http), server),
                ("garden configuration", 1, repeat, Calls("configuration", client, http), server),
                ("versions", 1, repeat * 4, Calls("versions", client, http), server),
                ("versions: client without retries, breaker, whole-call timeout", 1, repeat * 4, Calls("versions", withoutPolicies, http), server),
                ("versions: client without decompression", 1, repeat * 4, Calls("versions", withoutDecompression, http), server),
                ("versions, in memory (no network)", 1, repeat * 40, Calls("versions", memoryClient, memoryFloor), server),
                ("one 10-day window (960 samples)", 1, repeat / 2, Calls("window", client, http), server),
                ("365-day history, streamed", 1, isShort ? 1 : 3, Calls("stream", client, http), server),
                ("365-day history, streamed, 10 ms per answer", 1, 1, Calls("stream", distantClient, distantHttp), distantServer),
                ("64 concurrent status calls", 64, isShort ? 1 : 8, Calls("status", client, http), server),
                ("256 concurrent status calls", 256, isShort ? 1 : 4, Calls("status", client, http), server),
            };

            // Steady state, as BenchmarkDotNet would measure it: every path is run until tiered compilation has
            // promoted it, so neither side pays for the JIT in its rounds (start-up has its own numbers, under AOT).
            for (var warmup = 0; warmup < (isShort ? 1 : 3); warmup++)
            {
                foreach (var (_, concurrency, count, (clientCall, floorCall), scenarioServer) in scenarios)
                {
                    await Measure(clientCall, concurrency, count, scenarioServer);
                    await Measure(floorCall, concurrency, count, scenarioServer);
                }
            }

            await Task.Delay(isShort ? 0 : 1000);

            Console.WriteLine($"| scenario | client | floor | client / floor, time | client / floor, allocated | cores busy, client / floor |");
            Console.WriteLine("|---|---|---|---|---|---|");
            foreach (var (name, concurrency, count, (clientCall, floorCall), scenarioServer) in scenarios)
            {
                var clientTimes = new List<double>();
                var floorTimes = new List<double>();
                var clientBusy = new List<double>();
                var floorBusy = new List<double>();
                long clientBytes = 0, floorBytes = 0;
                for (var round = 0; round < rounds; round++)
                {
                    // Each side goes first in every other round, so neither always inherits the other's garbage.
                    var clientFirst = round % 2 == 0;
                    var floorFirst = clientFirst ? default : await Measure(floorCall, concurrency, count, scenarioServer);
                    var (ct, cb, cc) = await Measure(clientCall, concurrency, count, scenarioServer);
                    var (ft, fb, fc) = clientFirst ? await Measure(floorCall, concurrency, count, scenarioServer) : floorFirst;
                    clientTimes.Add(ct);
                    floorTimes.Add(ft);
                    clientBusy.Add(cc);
                    floorBusy.Add(fc);
                    clientBytes += cb;
                    floorBytes += fb;
                }

                var c = Median(clientTimes);
                var f = Median(floorTimes);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {c:F3} ms | {f:F3} ms | {c / f:F2} | {(double)clientBytes / floorBytes:F2} | {Median(clientBusy):F2} / {Median(floorBusy):F2} |"));
            }

            var heap30 = await PeakHeapAsync(client, 30);
            var heap365 = await PeakHeapAsync(client, 365);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"live heap while streaming: {heap30 / 1e6:F1} MB for 30 days, {heap365 / 1e6:F1} MB for 365 days"));
            return 0;
        }
        finally
        {
            foreach (var process in new[] { server, distantServer })
            {
                await process.StandardInput.WriteLineAsync();
                await process.WaitForExitAsync();
            }
        }
    }

    /// <summary>One call of <paramref name="endpoint"/> (one of <see cref="Endpoints"/>) through the SDK and through the floor.</summary>
    internal static (Func<Task> Client, Func<Task> Floor) Calls(string endpoint, FlowerPowerClient client, HttpClient http)
    {
        var context = FlowerPowerJsonContext.Default;
        return endpoint switch
        {
            "versions" => (() => client.GetVersionsAsync(), () => Floor(http, "user/v1/versions", context.VersionsResponse)),
            "status" => (() => client.GetGardenStatusAsync(), () => Floor(http, "garden/v1/status", context.GardenStatusResponse)),
            "configuration" => (() => client.GetGardenConfigurationAsync(), () => Floor(http, "garden/v2/configuration", context.GardenConfigurationResponse)),
            "window" => (() => client.GetSamplesAsync("loc", Origin, Origin.AddDays(10)), () => Floor(http, Window(Origin, Origin.AddDays(10)), context.SamplesResponse)),
            "stream" => (() => Stream(client), () => FloorStream(http)),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, $"use one of {string.Join(", ", Endpoints)}"),
        };
    }

    internal static FlowerPowerClient CreateClient(Uri address, Action<FlowerPowerClientOptions>? configure = null, HttpMessageHandler? primaryHandler = null)
    {
        var options = new FlowerPowerClientOptions
        {
            BaseAddress = address, ClientId = "bench", ClientSecret = "bench-secret", Username = "bench@example.invalid", Password = "bench-password",
        };
        configure?.Invoke(options);
        return new FlowerPowerClient(options, primaryHandler: primaryHandler);
    }

    /// <summary>The floor: a plain <see cref="HttpClient"/> that carries the fixture server's access token.</summary>
    internal static HttpClient CreateFloor(Uri address, HttpMessageHandler? handler = null)
    {
        var http = handler is null ? new HttpClient(PlainHandler()) : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = address;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", FixtureServer.AccessToken);
        return http;
    }

    /// <summary>A handler as the floor's: no decompression, connections renewed every five minutes.</summary>
    private static SocketsHttpHandler PlainHandler() => new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    /// <summary>
    /// Milliseconds per call (per round of <paramref name="concurrency"/> calls), bytes allocated per call, and how many
    /// of the machine's cores this process and the server kept busy together: near the core count, the machine was the
    /// limit.
    /// </summary>
    private static async Task<(double Milliseconds, long Bytes, double CoresBusy)> Measure(Func<Task> call, int concurrency, int count, Process server)
    {
        // Start from an empty young generation, so a collection the previous measurement made due is not charged here.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var processorBefore = ProcessorTime(server);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            if (concurrency == 1)
            {
                await call();
            }
            else
            {
                await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => call()));
            }
        }

        var elapsed = clock.Elapsed;
        var busy = (ProcessorTime(server) - processorBefore) / elapsed;
        return (elapsed.TotalMilliseconds / count, (GC.GetTotalAllocatedBytes(precise: true) - before) / (count * concurrency), busy);
    }

    /// <summary>The processor time this process and the server have used so far.</summary>
    private static TimeSpan ProcessorTime(Process server)
    {
        using var self = Process.GetCurrentProcess();
        server.Refresh();
        return self.TotalProcessorTime + server.TotalProcessorTime;
    }

    /// <summary>
    /// One call of the floor. It returns its model as the client's calls do, so both keep their results alive for as
    /// long (until the round's tasks are dropped): the garbage collector then sees the same live data on both sides.
    /// </summary>
    private static async Task<T?> Floor<T>(HttpClient http, string path, JsonTypeInfo<T> typeInfo)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        return await JsonSerializer.DeserializeAsync(body, typeInfo);
    }

    private static async Task Stream(FlowerPowerClient client)
    {
        await foreach (var _ in client.StreamSamplesAsync("loc", Origin, Origin.AddDays(365)))
        {
        }
    }

    /// <summary>The floor reads a year as public clients did: one 10-day window after another.</summary>
    private static async Task FloorStream(HttpClient http)
    {
        for (var from = Origin; from < Origin.AddDays(365); from = from.AddDays(10))
        {
            var to = from.AddDays(10) < Origin.AddDays(365) ? from.AddDays(10) : Origin.AddDays(365);
            await Floor(http, Window(from, to), FlowerPowerJsonContext.Default.SamplesResponse);
        }
    }

    private static async Task<long> PeakHeapAsync(FlowerPowerClient client, int days)
    {
        GC.Collect();
        long peak = 0;
        var count = 0;
        await foreach (var _ in client.StreamSamplesAsync("loc", Origin, Origin.AddDays(days)))
        {
            if (++count % 2000 == 0)
            {
                GC.Collect();
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
            }
        }

        return peak;
    }

    private static string Window(DateTimeOffset from, DateTimeOffset to) =>
        $"sensor_data/v6/sample/location/loc?from_datetime_utc={Uri.EscapeDataString(from.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))}&to_datetime_utc={Uri.EscapeDataString(to.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))}";

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    internal static Process StartServer(out Uri address, int latencyMilliseconds = 0)
    {
        var self = Environment.GetCommandLineArgs()[0];
        var latency = latencyMilliseconds.ToString(CultureInfo.InvariantCulture);
        var start = Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal)
            ? new ProcessStartInfo(Environment.ProcessPath, [self, "serve-fixtures", latency])
            : new ProcessStartInfo(Environment.ProcessPath, ["serve-fixtures", latency]);
        // The server's idle threads wait without spinning, so on a small machine they leave the cores to the client
        // being measured, as a server on a machine of its own would.
        start.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
        start.RedirectStandardOutput = true;
        start.RedirectStandardInput = true;
        var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the fixture server did not start");
        address = new Uri(line["listening on ".Length..].TrimEnd('/') + "/");
        return process;
    }
}
