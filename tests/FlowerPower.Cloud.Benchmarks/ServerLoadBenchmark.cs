using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FlowerPower.Cloud.Sensor;
using FlowerPower.Cloud.Server.Administration;
using FlowerPower.Cloud.Server.Hosting;
using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Benchmarks;

/// <summary>
/// The server under a garden club's load (docs/benchmarks.md): 1,000 sensors in ten gardens of 100 plants, each
/// sensor uploading a day of history (96 entries) through the bridge's endpoint, while 50 readers poll the versions,
/// read the garden status and fetch 10-day windows. On SQLite one instance; on PostgreSQL two, every client
/// alternating between them. Reports uploads a second, p50/p95/p99 per endpoint, errors, and the process's processor
/// time per request (the load generator runs in the same process, so that is an upper bound for the server).
/// <code>dotnet run -c Release --project tests/FlowerPower.Cloud.Benchmarks -- server-load [--postgres CONNECTION] [--seconds 120] [--readers 50] [--uploaders 8] [--short]</code>
/// </summary>
internal static class ServerLoadBenchmark
{
    private const int Gardens = 10;
    private const int PlantsPerGarden = 100;
    private const int Readers = 50;
    private const int Uploaders = 8;
    private const string Password = "load-password-1";
    private const string ClientId = "load-client";
    private const string Secret = "load-client-secret";

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--short");
        var seconds = Option(args, "--seconds") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : quick ? 5 : 120;
        var postgres = Option(args, "--postgres");
        var readerCount = Option(args, "--readers") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : Readers;
        var uploaderCount = Option(args, "--uploaders") is { } u ? int.Parse(u, CultureInfo.InvariantCulture) : Uploaders;
        var gardens = quick ? 2 : Gardens;
        var plants = quick ? 10 : PlantsPerGarden;
        var work = Directory.CreateTempSubdirectory("flowerpower-load-").FullName;
        var databases = new List<CloudDatabase>();
        var servers = new List<CloudServer>();
        try
        {
            CloudDatabase Open() => postgres is null ? new SqliteCloudDatabase(Path.Combine(work, "load.db")) : new PostgresCloudDatabase(postgres);
            var admin = Open();
            databases.Add(admin);
            await admin.MigrateAsync(CancellationToken.None);
            var accounts = new AccountAdmin(admin, TimeProvider.System);
            var run = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
            if (!(await accounts.ListClientsAsync(CancellationToken.None)).Any(c => c.StartsWith(ClientId + " ", StringComparison.Ordinal)))
            {
                await accounts.AddClientAsync(ClientId, Secret, CancellationToken.None);
            }

            var sensors = new List<(string Email, string Serial, string Location)>();
            for (var g = 0; g < gardens; g++)
            {
                var email = $"club-{run}-{g}@example.invalid";
                await accounts.AddUserAsync(email, Password, "Europe/Budapest", CancellationToken.None);
                for (var p = 0; p < plants; p++)
                {
                    var serial = $"PI{run}{g:D2}{p:D4}";
                    sensors.Add((email, serial, await accounts.AddLocationAsync(email, $"Plant {p}", serial, null, true, CancellationToken.None)));
                }
            }

            var options = new ServerOptions { Urls = "http://127.0.0.1:0", Allowances = new() { SignInBurstPerAddress = 100_000, SignInsPerMinutePerAddress = 100_000, UploadsPerHourPerUser = 10_000_000 }, KeepUploads = null };
            for (var i = 0; i < (postgres is null ? 1 : 2); i++)
            {
                var database = Open();
                databases.Add(database);
                servers.Add(await CloudServer.StartAsync(database, options));
            }

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 });
            var next = 0;
            Uri Instance() => servers[Interlocked.Increment(ref next) % servers.Count].BaseAddress;
            var tokens = new Dictionary<string, string>();
            foreach (var email in sensors.Select(x => x.Email).Distinct())
            {
                tokens[email] = await SignInAsync(http, Instance(), email);
            }

            Console.WriteLine($"{admin.Description}, {servers.Count} instance(s): {sensors.Count} sensors in {gardens} gardens, {uploaderCount} uploaders, {readerCount} readers, {seconds} s");
            var timings = new ConcurrentDictionary<string, ConcurrentBag<double>>();
            var errors = new ConcurrentDictionary<string, int>();
            var uploads = 0;
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();

            async Task Timed(string name, Func<Task<HttpResponseMessage>> call)
            {
                var one = Stopwatch.StartNew();
                try
                {
                    using var response = await call();
                    await response.Content.LoadIntoBufferAsync();
                    if (!response.IsSuccessStatusCode)
                    {
                        errors.AddOrUpdate($"{name} {(int)response.StatusCode}", 1, (_, n) => n + 1);
                        return;
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
                {
                    errors.AddOrUpdate($"{name} {exception.GetType().Name}", 1, (_, n) => n + 1);
                    return;
                }

                timings.GetOrAdd(name, _ => []).Add(one.Elapsed.TotalMilliseconds);
            }

            var now = DateTimeOffset.UtcNow;
            var firstDay = new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, TimeSpan.Zero).AddDays(-300);
            var cursor = -1;
            var uploaders = Enumerable.Range(0, uploaderCount).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var turn = Interlocked.Increment(ref cursor);
                    var (email, serial, _) = sensors[turn % sensors.Count];
                    var day = turn / sensors.Count;
                    var body = UploadJson(serial, firstDay.AddDays(day), day, DateTimeOffset.UtcNow);
                    await Timed("upload (96 entries)", () => Send(http, HttpMethod.Put, Instance(), "sensor_data/v8/sample", tokens[email], body));
                    Interlocked.Increment(ref uploads);
                }
            })).ToList();
            var readers = Enumerable.Range(0, readerCount).Select(r => Task.Run(async () =>
            {
                var random = new Random(r);
                var email = sensors[r % sensors.Count].Email;
                var mine = sensors.Where(x => x.Email == email).ToList();
                while (!stop.IsCancellationRequested)
                {
                    await Timed("versions", () => Send(http, HttpMethod.Get, Instance(), "user/v1/versions", tokens[email]));
                    await Timed($"status ({plants} plants)", () => Send(http, HttpMethod.Get, Instance(), "garden/v1/status", tokens[email]));
                    var from = firstDay.AddDays(random.Next(0, 5));
                    var location = mine[random.Next(mine.Count)].Location;
                    await Timed("10-day window", () => Send(
                        http, HttpMethod.Get, Instance(),
                        $"sensor_data/v6/sample/location/{location}?from_datetime_utc={Stamp(from)}&to_datetime_utc={Stamp(from.AddDays(10))}", tokens[email]));
                }
            })).ToList();
            await Task.WhenAll(uploaders.Concat(readers));
            clock.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

            var requests = timings.Values.Sum(t => t.Count) + errors.Values.Sum();
            Console.WriteLine($"uploads: {uploads:N0} in {clock.Elapsed.TotalSeconds:F0} s = {uploads / clock.Elapsed.TotalSeconds:N1}/s; requests: {requests:N0}; errors: {errors.Values.Sum()}");
            Console.WriteLine("| endpoint | requests | p50 ms | p95 ms | p99 ms |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach (var (name, bag) in timings.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                var sorted = bag.Order().ToArray();
                Console.WriteLine($"| {name} | {sorted.Length:N0} | {Percentile(sorted, 0.50):F1} | {Percentile(sorted, 0.95):F1} | {Percentile(sorted, 0.99):F1} |");
            }

            foreach (var (kind, count) in errors)
            {
                Console.WriteLine($"error: {kind} x {count}");
            }

            Console.WriteLine($"processor time: {cpu.TotalSeconds:F1} s over {clock.Elapsed.TotalSeconds:F0} s on {Environment.ProcessorCount} cores = {cpu.TotalMilliseconds / Math.Max(1, requests):F2} ms per request (server and load generator together)");
            return errors.IsEmpty ? 0 : 1;
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }

            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<string> SignInAsync(HttpClient http, Uri server, string email)
    {
        using var response = await http.PostAsync(new Uri(server, "user/v1/authenticate"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = email, ["password"] = Password, ["client_id"] = ClientId, ["client_secret"] = Secret,
        }));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, Uri server, string path, string token, string? json = null)
    {
        var request = new HttpRequestMessage(method, new Uri(server, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return http.SendAsync(request);
    }

    /// <summary>A bridge's upload of one day (96 entries at 15 minutes) of one sensor, in the public buffer layout.</summary>
    private static string UploadJson(string serial, DateTimeOffset dayStart, int day, DateTimeOffset now)
    {
        const int Entries = 96;
        var readings = Enumerable.Range(0, Entries)
            .Select(e => new RawReadings(650 + (e % 50), 700 + (e * 7 % 600), 300, 640, 380 + (e % 20), 900))
            .ToList();
        var buffer = HistoryBuffer.Encode((Entries - 1) * 900, (ushort)(day * Entries), (ushort)(day + 1), 900, readings);

        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["client_datetime_utc"] = Stamp(now),
            ["session_histories"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["sensor_serial"] = serial, ["sensor_startup_timestamp_utc"] = Stamp(dayStart), ["session_id"] = day + 1,
                    ["session_start_index"] = day * Entries, ["sample_measure_period"] = 900,
                },
            },
            ["uploads"] = new[]
            {
                new Dictionary<string, object> { ["sensor_serial"] = serial, ["upload_timestamp_utc"] = Stamp(now), ["buffer_base64"] = Convert.ToBase64String(buffer) },
            },
        });
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static string? Option(string[] args, string name) => Array.IndexOf(args, name) is >= 0 and var i && i + 1 < args.Length ? args[i + 1] : null;
}
