using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FlowerPower.Cloud.Server.Administration;
using FlowerPower.Cloud.Server.Hosting;
using FlowerPower.Cloud.Server.Import;

namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>
/// A server with its web garden over a test database, set up as an owner sets one up: a user, a plant with a sensor
/// and its history imported from a CSV-Dump, a plant without a sensor and one whose sensor sent nothing.
/// </summary>
internal sealed partial class WebGardenServer : IAsyncDisposable
{
    public const string Owner = "owner@example.invalid";
    public const string Password = "owner-garden-password";
    public const string Sensor = "PI040307AD5G2000AB";

    private readonly ServerInstances _instances;

    private WebGardenServer(TestDatabase database, TimeProvider time) => _instances = new ServerInstances(database, time);

    public TimeProvider Time => _instances.Time;

    public TestDatabase Database => _instances.Database;

    /// <summary>A handle on the database, disposed with the rest.</summary>
    public FlowerPower.Cloud.Server.Storage.CloudDatabase OpenDatabase() => _instances.OpenDatabase();

    public CloudServer Server => _instances.First;

    public Uri Address => Server.BaseAddress;

    public string MonsteraLocation { get; private set; } = string.Empty;

    /// <summary>The samples imported for the Monstera: capture time and the four readings as the CSV-Dump had them.</summary>
    public IReadOnlyList<(DateTimeOffset At, double Light, double Moisture, double Temperature)> Imported { get; private set; } = [];

    /// <param name="days">How many days of 15-minute samples the Monstera's history holds, ending an hour ago.</param>
    /// <param name="options">The server's options; loopback on a free port with the web garden when null.</param>
    /// <param name="time">The server's clock.</param>
    /// <param name="kind">The database: sqlite or postgres.</param>
    /// <param name="loggers">Where the server logs; nowhere when null.</param>
    /// <param name="oneReading">Whether the Lemon tree's sensor has sent one reading (at the Monstera's last), which is all its history.</param>
    public static async Task<WebGardenServer> StartAsync(
        int days, ServerOptions? options = null, TimeProvider? time = null, string kind = "sqlite", Microsoft.Extensions.Logging.ILoggerFactory? loggers = null,
        bool oneReading = false)
    {
        var ct = TestContext.Current.CancellationToken;
        var site = new WebGardenServer(await TestDatabase.CreateAsync(kind), time ?? TimeProvider.System);
        var admin = site._instances.OpenDatabase();
        await admin.MigrateAsync(ct);
        var accounts = new AccountAdmin(admin, site.Time);
        await accounts.AddUserAsync(Owner, Password, "Europe/Budapest", ct);
        site.MonsteraLocation = await accounts.AddLocationAsync(Owner, "Monstera", Sensor, null, true, ct, sensorName: "Flower power 00AB");
        await accounts.AddLocationAsync(Owner, "Fern", null, null, true, ct);
        await accounts.AddLocationAsync(Owner, "Lemon tree", "PI040307AD5G20LEMN", null, false, ct, sensorName: "Flower power LEMN");
        if (days > 0)
        {
            var folder = Directory.CreateTempSubdirectory("flowerpower-web-").FullName;
            try
            {
                var end = site.Time.GetUtcNow().AddHours(-1);
                var start = new DateTimeOffset(end.Year, end.Month, end.Day, end.Hour, 0, 0, TimeSpan.Zero).AddDays(-days);
                var rows = Enumerable.Range(0, days * 96).Select(i =>
                    (At: start.AddMinutes(15 * i), Light: i % 96 / 10.0, Moisture: 15 + (i % 500 / 20.0), Temperature: 16 + (i % 96 / 8.0))).ToList();
                await File.WriteAllLinesAsync(
                    Path.Combine(folder, "Flower power 00AB.csv"),
                    ["capture_datetime_utc,fertilizer_level,light,soil_moisture_percent,air_temperature_celsius",
                     .. rows.Select(r => FormattableString.Invariant($"{r.At:yyyy-MM-dd HH:mm:ss} UTC,1.25,{r.Light},{r.Moisture},{r.Temperature}"))],
                    ct);
                if (oneReading)
                {
                    await File.WriteAllLinesAsync(
                        Path.Combine(folder, "Flower power LEMN.csv"),
                        ["capture_datetime_utc,fertilizer_level,light,soil_moisture_percent,air_temperature_celsius",
                         FormattableString.Invariant($"{rows[^1].At:yyyy-MM-dd HH:mm:ss} UTC,1.1,12.5,31.5,21.5")],
                        ct);
                }

                await new CsvDumpImporter(admin, site.Time).ImportAsync(folder, Owner, null, TextWriter.Null, ct);
                site.Imported = rows;
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        await site._instances.StartAsync(options, loggers);
        return site;
    }

    /// <summary>Starts one more instance over the same database.</summary>
    public Task<CloudServer> AddServerAsync(ServerOptions? options = null) => _instances.StartAsync(options);

    /// <summary>A browser without script: an HTTP client that keeps cookies and never follows redirects by itself.</summary>
    public HttpClient Browser(CloudServer? server = null, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = (server ?? Server).BaseAddress };

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static string FormToken(string html) =>
        FormTokenPattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("The page has no form token.");

    /// <summary>Signs in through the form as a browser does; returns the answer to the form's post.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string password = Password, string email = Owner)
    {
        var form = await browser.GetStringAsync("/sign-in", TestContext.Current.CancellationToken);
        return await browser.PostAsync(
            "/sign-in",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["form-token"] = FormToken(form), ["email"] = email, ["password"] = password }),
            TestContext.Current.CancellationToken);
    }

    /// <summary>The session cookie's name on a server listening on loopback over plain HTTP (no <c>__Host-</c>, not Secure).</summary>
    public const string SessionCookie = "flowerpower-session";

    public static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => _instances.DisposeAsync();

    [GeneratedRegex("name=\"form-token\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();
}
