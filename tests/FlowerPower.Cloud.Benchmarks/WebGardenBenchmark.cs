using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FlowerPower.Cloud.Server.Administration;
using FlowerPower.Cloud.Server.Hosting;
using FlowerPower.Cloud.Server.Import;
using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Benchmarks;

/// <summary>
/// The web garden's year view (docs/benchmarks.md): a plant with a year of 15-minute samples (35,040) on SQLite, an
/// owner signed in through the form, and the page <c>/plants/{location}?span=year</c> asked for again and again,
/// timed from request to the last byte of HTML over loopback: the SDK's 37 windows from the server's own API, the
/// downsampling to 400 points a chart and the SVG. Also the garden page and the year's CSV. With <c>--plants N</c>, a
/// club's garden instead: N plants with 14 days of samples each, and the garden page (a card and a week's sparkline a
/// plant) timed the same way.
/// <code>dotnet run -c Release --project tests/FlowerPower.Cloud.Benchmarks -- web-year [--runs 40] [--short] [--plants 100]</code>
/// </summary>
internal static partial class WebGardenBenchmark
{
    private const string Owner = "web-owner@example.invalid";
    private const string Password = "web-owner-password";

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--short");
        var runs = args.SkipWhile(a => a != "--runs").Skip(1).FirstOrDefault() is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : quick ? 5 : 40;
        var work = Directory.CreateTempSubdirectory("flowerpower-web-bench-").FullName;
        try
        {
            await using var database = new SqliteCloudDatabase(Path.Combine(work, "web.db"));
            await database.MigrateAsync(CancellationToken.None);
            var accounts = new AccountAdmin(database, TimeProvider.System);
            await accounts.AddUserAsync(Owner, Password, "Europe/Budapest", CancellationToken.None);
            var plants = args.SkipWhile(a => a != "--plants").Skip(1).FirstOrDefault() is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : 1;
            var days = plants == 1 ? 365 : 14;
            var dump = Directory.CreateDirectory(Path.Combine(work, "dump")).FullName;
            var end = DateTimeOffset.UtcNow.AddMinutes(-30);
            var start = new DateTimeOffset(end.Year, end.Month, end.Day, end.Hour, 0, 0, TimeSpan.Zero).AddDays(-days);
            var location = string.Empty;
            for (var plant = 0; plant < plants; plant++)
            {
                var name = FormattableString.Invariant($"Flower power {plant:X4}");
                location = await accounts.AddLocationAsync(Owner, plants == 1 ? "Monstera" : $"Plant {plant}", FormattableString.Invariant($"PI040307AD5G20{plant:X4}"), null, true, CancellationToken.None, sensorName: name);
                await File.WriteAllLinesAsync(
                    Path.Combine(dump, name + ".csv"),
                    ["capture_datetime_utc,fertilizer_level,light,soil_moisture_percent,air_temperature_celsius",
                     .. Enumerable.Range(0, days * 96).Select(i => FormattableString.Invariant($"{start.AddMinutes(15 * i):yyyy-MM-dd HH:mm:ss} UTC,1.2,{i % 96 / 10.0},{15 + ((i + plant) % 500 / 20.0)},{16 + (i % 96 / 8.0)}"))]);
            }

            var report = await new CsvDumpImporter(database, TimeProvider.System).ImportAsync(dump, Owner, null, TextWriter.Null, CancellationToken.None);
            await using var server = await CloudServer.StartAsync(database, new ServerOptions { Urls = "http://127.0.0.1:0" });

            using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
            var form = await browser.GetStringAsync("/sign-in");
            using var signedIn = await browser.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["form-token"] = WebUtility.HtmlDecode(FormToken().Match(form).Groups[1].Value), ["email"] = Owner, ["password"] = Password,
            }));
            if (signedIn.StatusCode != HttpStatusCode.Redirect)
            {
                Console.Error.WriteLine($"sign-in answered {(int)signedIn.StatusCode}");
                return 1;
            }

            Console.WriteLine($"{report.SamplesAdded:N0} samples of {plants} plant(s); {runs} runs each after 3 to warm up");
            if (args.Contains("--sdk"))
            {
                await accounts.AddClientAsync("bench-client", "bench-client-secret", CancellationToken.None);
                using var client = new FlowerPowerClient(new FlowerPowerClientOptions
                {
                    BaseAddress = server.BaseAddress, ClientId = "bench-client", ClientSecret = "bench-client-secret", Username = Owner, Password = Password, SampleWindowsInFlight = 8,
                });
                var sdk = new List<double>();
                for (var i = 0; i < runs + 3; i++)
                {
                    var clock = Stopwatch.StartNew();
                    var year = await client.GetSamplesAsync(location, DateTimeOffset.UtcNow.AddDays(-365), DateTimeOffset.UtcNow);
                    if (i >= 3)
                    {
                        sdk.Add(clock.Elapsed.TotalMilliseconds);
                    }
                }

                sdk.Sort();
                Console.WriteLine(FormattableString.Invariant($"| SDK: a year's samples alone | {sdk[sdk.Count / 2]:F0} ms | {sdk[(int)(sdk.Count * 0.95)]:F0} ms | {sdk[^1]:F0} ms | |"));
            }

            var pages = plants == 1
                ? new[] { ("year view", $"/plants/{location}?span=year"), ("garden", "/"), ("week view", $"/plants/{location}?span=week"), ("year CSV", $"/plants/{location}/samples.csv?span=year") }
                : [($"garden of {plants} plants", "/")];
            foreach (var (name, path) in pages)
            {
                var times = new List<double>();
                double? first = null;
                long bytes = 0;
                for (var i = 0; i < runs + 3; i++)
                {
                    var clock = Stopwatch.StartNew();
                    using var answer = await browser.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                    var body = await answer.Content.ReadAsByteArrayAsync();
                    clock.Stop();
                    if (answer.StatusCode != HttpStatusCode.OK)
                    {
                        Console.Error.WriteLine($"{name} answered {(int)answer.StatusCode}");
                        return 1;
                    }

                    if (i == 0 && plants > 1)
                    {
                        first = clock.Elapsed.TotalMilliseconds;
                    }

                    if (i >= 3)
                    {
                        times.Add(clock.Elapsed.TotalMilliseconds);
                        bytes = body.Length;
                    }
                }

                times.Sort();
                if (first is { } cold)
                {
                    Console.WriteLine(FormattableString.Invariant($"| {name}, first load after the start (every week read) | {cold:F0} ms | | | |"));
                }

                Console.WriteLine(FormattableString.Invariant(
                    $"| {name} | {times[times.Count / 2]:F0} ms | {times[Math.Min(times.Count - 1, (int)(times.Count * 0.95))]:F0} ms | {times[^1]:F0} ms | {bytes / 1024.0:N0} KB |"));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [GeneratedRegex("name=\"form-token\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
