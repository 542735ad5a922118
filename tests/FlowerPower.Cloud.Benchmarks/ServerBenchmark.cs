using System.Diagnostics;
using System.Globalization;
using System.Text;
using FlowerPower.Cloud.Server.Administration;
using FlowerPower.Cloud.Server.Import;
using FlowerPower.Cloud.Server.Storage;
using FlowerPower.Cloud.Wire.Writers;

namespace FlowerPower.Cloud.Benchmarks;

/// <summary>
/// The server's two numbers (docs/benchmarks.md): how many samples a second a CSV-Dump import stores (parsing
/// included), and how long the server works on one 10-day window (960 samples) with millions stored: the store's
/// query and the wire's writing, without the network. A run, not a BenchmarkDotNet job: the data takes a while to
/// load, so it is loaded once.
/// <code>dotnet run -c Release --project tests/FlowerPower.Cloud.Benchmarks -- server [--postgres CONNECTION] [--samples 5000000]</code>
/// </summary>
internal static class ServerBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var total = Option(args, "--samples") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 5_000_000;
        var postgres = Option(args, "--postgres");
        const int locations = 10;
        var perLocation = total / locations;
        var work = Directory.CreateTempSubdirectory("flowerpower-bench-").FullName;
        try
        {
            await using CloudDatabase database = postgres is null ? new SqliteCloudDatabase(Path.Combine(work, "bench.db")) : new PostgresCloudDatabase(postgres);
            await database.MigrateAsync(CancellationToken.None);
            var admin = new AccountAdmin(database, TimeProvider.System);
            var email = $"bench-{Guid.NewGuid():N}@example.invalid";
            var user = await admin.AddUserAsync(email, "benchmark-password", "UTC", CancellationToken.None);
            var start = new DateTimeOffset(2014, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var dump = Directory.CreateDirectory(Path.Combine(work, "dump")).FullName;
            Console.WriteLine($"{database.Description}: writing {locations} CSV-Dump files of {perLocation:N0} samples");
            for (var l = 0; l < locations; l++)
            {
                await WriteDumpAsync(Path.Combine(dump, $"Flower power B{l:D3}.csv"), start, perLocation);
            }

            var clock = Stopwatch.StartNew();
            var report = await new CsvDumpImporter(database, TimeProvider.System).ImportAsync(dump, email, null, TextWriter.Null, CancellationToken.None);
            clock.Stop();
            var rate = report.SamplesAdded / clock.Elapsed.TotalSeconds;
            Console.WriteLine($"import: {report.SamplesAdded:N0} samples in {clock.Elapsed.TotalSeconds:F1} s = {rate:N0} samples/s (parsing, checking and storing)");

            var store = new SqlCloudStore(database, TimeProvider.System, TimeSpan.FromDays(2));
            var identifiers = (await store.GetLocationsAsync(user, CancellationToken.None)).Select(x => x.LocationIdentifier).ToList();
            var versions = await store.GetVersionsAsync(user, CancellationToken.None);
            var random = new Random(42);
            var span = TimeSpan.FromMinutes(15 * (perLocation - 961));
            var times = new List<double>();
            var output = new System.Buffers.ArrayBufferWriter<byte>(256 * 1024);
            for (var i = 0; i < 320; i++)
            {
                var from = start + (span * random.NextDouble());
                var location = identifiers[random.Next(identifiers.Count)];
                var one = Stopwatch.StartNew();
                var window = await store.GetSamplesAsync(user, location, from, from.AddDays(10), CancellationToken.None);
                var queried = one.Elapsed.TotalMilliseconds;
                output.ResetWrittenCount();
                SamplesWriter.Write(output, window!, versions);
                one.Stop();
                if (Environment.GetEnvironmentVariable("BENCH_DEBUG") is not null && i % 50 == 0)
                {
                    Console.WriteLine($"query {queried:F2} ms, json {one.Elapsed.TotalMilliseconds - queried:F2} ms");
                }
                if (i >= 20)
                {
                    times.Add(one.Elapsed.TotalMilliseconds);
                }

                if (window!.Samples.Count is < 959 or > 961 || output.WrittenCount < 1000)
                {
                    throw new InvalidOperationException($"a 10-day window held {window.Samples.Count} samples");
                }
            }

            times.Sort();
            Console.WriteLine(
                $"10-day window (960 samples) of {total:N0} stored: median {times[times.Count / 2]:F2} ms, p95 {times[(int)(times.Count * 0.95)]:F2} ms, max {times[^1]:F2} ms (query and JSON, 300 windows)");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task WriteDumpAsync(string path, DateTimeOffset start, int count)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        await writer.WriteLineAsync(CsvDumpFile.Header);
        var line = new StringBuilder(96);
        for (var i = 0; i < count; i++)
        {
            var at = start.AddMinutes(15 * i);
            line.Clear().Append(CultureInfo.InvariantCulture, $"{at:yyyy-MM-dd HH:mm:ss} UTC,{1 + (i % 13 * 0.1):0.00},{i % 96 * 0.4:0.00},{40 - (i % 300 * 0.1):0.00},{18 + (i % 96 * 0.05):0.00}");
            await writer.WriteLineAsync(line);
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
