using FlowerPower.Cloud.Server.Administration;
using FlowerPower.Cloud.Server.Hosting;
using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>
/// A self-hosted server on a test database with one client and two users, each with a location: what most server
/// tests need, and a client for either user.
/// </summary>
internal sealed class ServerSession : IAsyncDisposable
{
    public const string ClientId = "server-test-client";
    public const string ClientSecret = "server-test-secret";
    public const string Alice = "alice@example.invalid";
    public const string Bob = "bob@example.invalid";
    public const string Password = "garden-password-1";
    public const string AliceSensor = "PI040307AD5G200185";

    /// <summary>The name Alice's sensor advertises, which her CSV-Dump archive names it by.</summary>
    public const string AliceSensorName = "Flower power 0185";

    public const string BobSensor = "PI040307AD5G20BBBB";

    private readonly ServerInstances _instances;

    private ServerSession(TestDatabase database, TimeProvider time) => _instances = new ServerInstances(database, time);

    public TestDatabase Database => _instances.Database;

    public TimeProvider Time => _instances.Time;

    public CloudServer Server => _instances.First;

    public string AliceLocation { get; private set; } = string.Empty;

    public string BobLocation { get; private set; } = string.Empty;

    /// <param name="kind">The database.</param>
    /// <param name="time">The server's clock.</param>
    /// <param name="tokenLifetime">How long access tokens live.</param>
    /// <param name="atSchemaVersion1">
    /// When given, the accounts are made on the first schema and this runs on it before the server starts and
    /// migrates the rest: for tests of what a migration does to data stored before it.
    /// </param>
    /// <param name="options">The server's options (limits, TLS); loopback on a free port with the defaults when null.</param>
    public static async Task<ServerSession> StartAsync(
        string kind, TimeProvider? time = null, TimeSpan? tokenLifetime = null, Func<ServerSession, Task>? atSchemaVersion1 = null, ServerOptions? options = null)
    {
        var session = new ServerSession(await TestDatabase.CreateAsync(kind), time ?? TimeProvider.System);
        var admin = session.OpenDatabase();
        await admin.MigrateAsync(TestContext.Current.CancellationToken, atSchemaVersion1 is null ? null : 1);
        var accounts = new AccountAdmin(admin, session.Time);
        var ct = TestContext.Current.CancellationToken;
        await accounts.AddClientAsync(ClientId, ClientSecret, ct);
        await accounts.AddUserAsync(Alice, Password, "Europe/Budapest", ct);
        await accounts.AddUserAsync(Bob, Password, "UTC", ct);
        session.AliceLocation = await accounts.AddLocationAsync(Alice, "Basil", AliceSensor, 1022, true, ct, sensorName: AliceSensorName);
        session.BobLocation = await accounts.AddLocationAsync(Bob, "Fern", BobSensor, null, true, ct);
        if (atSchemaVersion1 is not null)
        {
            await atSchemaVersion1(session);
        }

        await session.AddServerAsync(tokenLifetime, options);
        return session;
    }

    public CloudDatabase OpenDatabase() => _instances.OpenDatabase();

    /// <summary>Starts one more instance over the same database.</summary>
    public Task<CloudServer> AddServerAsync(TimeSpan? tokenLifetime = null, ServerOptions? options = null, Microsoft.Extensions.Logging.ILoggerFactory? loggers = null)
    {
        options ??= new ServerOptions { Urls = "http://127.0.0.1:0" };
        return _instances.StartAsync(options with { TokenLifetime = tokenLifetime ?? options.TokenLifetime }, loggers);
    }

    /// <summary>A password grant's form, by default Alice's with the test client.</summary>
    public static Dictionary<string, string> PasswordForm(string user = Alice, string password = Password, string secret = ClientSecret) => new()
    {
        ["grant_type"] = "password", ["username"] = user, ["password"] = password, ["client_id"] = ClientId, ["client_secret"] = secret,
    };

    /// <summary>A refresh grant's form with the test client.</summary>
    public static Dictionary<string, string> RefreshForm(string refreshToken) => new()
    {
        ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = ClientId, ["client_secret"] = ClientSecret,
    };

    public FlowerPowerClientOptions Options(string user = Alice, CloudServer? server = null) => new()
    {
        BaseAddress = (server ?? Server).BaseAddress,
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        Username = user,
        Password = Password,
        Retry = new FlowerPowerRetryOptions { Delay = TimeSpan.Zero, MaxRetryAttempts = 1 },
    };

    /// <summary>A browser (cookies kept, redirects not followed) signed in to the web garden as <paramref name="user"/>.</summary>
    public async Task<HttpClient> BrowserAsync(string user = Alice)
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Server.BaseAddress };
        (await WebGardenServer.SignInAsync(browser, Password, user)).Dispose();
        return browser;
    }

    public ValueTask DisposeAsync() => _instances.DisposeAsync();
}
