using System.CommandLine;
using System.Net;
using FlowerPower.Cloud.Server.CommandLine;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// The server takes its settings the way operators pass them: a JSON file, <c>FLOWERPOWER_</c> environment variables
/// (a systemd environment file, a container), flags; a flag wins over the environment, which wins over the file.
/// </summary>
public sealed class ServerSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flowerpower-settings-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_flag_wins_over_the_environment_which_wins_over_the_file()
    {
        var file = Path.Combine(_folder, "server.json");
        File.WriteAllText(file, """{ "urls": "http://127.0.0.1:7000", "keep_uploads": 10, "no_web": true, "forwarded_headers": "yes", "token_lifetime": 600 }""");
        var settings = ServerSettings.Load(file, new Dictionary<string, string?> { ["FLOWERPOWER_KEEP_UPLOADS"] = "20", ["FLOWERPOWER_TOKEN_LIFETIME"] = "900", ["OTHER_URLS"] = "x" });
        var serving = new ServeOptions();
        var command = new RootCommand();
        serving.AddTo(command);

        var options = serving.Read(command.Parse(["--urls", "http://127.0.0.1:8000", "--token-lifetime", "1200"]), settings);
        var defaults = serving.Read(command.Parse([]), ServerSettings.Load(null, new Dictionary<string, string?>()));

        Assert.Equal("http://127.0.0.1:8000", options.Urls);
        Assert.Equal(TimeSpan.FromSeconds(1200), options.TokenLifetime);
        Assert.Equal(TimeSpan.FromDays(20), options.KeepUploads);
        Assert.False(options.Web);
        Assert.True(options.ForwardedHeaders);
        Assert.Equal("http://127.0.0.1:5090", defaults.Urls);
        Assert.Equal(TimeSpan.FromDays(90), defaults.KeepUploads);
        Assert.True(defaults.Web);
    }

    [Fact]
    public void The_broker_login_comes_from_the_environment_or_a_file_and_the_gardens_from_flags_the_environment_or_the_file()
    {
        var file = Path.Combine(_folder, "server.json");
        File.WriteAllText(file, """{ "mqtt": "mqtt://127.0.0.1:1883", "mqtt_garden": ["One@Example.invalid", "two@example.invalid"] }""");
        var passwordFile = Path.Combine(_folder, "mqtt-password");
        File.WriteAllText(passwordFile, "from-the-file\n");
        var serving = new ServeOptions();
        var command = new RootCommand();
        serving.AddTo(command);

        var fromFile = serving.Read(command.Parse([]), ServerSettings.Load(file, new Dictionary<string, string?> { ["FLOWERPOWER_MQTT_USERNAME"] = "ha", ["FLOWERPOWER_MQTT_PASSWORD"] = "from-env" }));
        var fromEnvironment = serving.Read(command.Parse([]), ServerSettings.Load(null, new Dictionary<string, string?>
        {
            ["FLOWERPOWER_MQTT"] = "mqtts://broker.example.invalid", ["FLOWERPOWER_MQTT_GARDEN"] = "a@example.invalid, b@example.invalid",
            ["FLOWERPOWER_MQTT_USERNAME"] = "ha", ["FLOWERPOWER_MQTT_PASSWORD_FILE"] = passwordFile,
        }));
        var fromFlags = serving.Read(command.Parse(["--mqtt", "mqtt://127.0.0.1:1", "--mqtt-garden", "c@example.invalid", "--mqtt-garden", "d@example.invalid"]), ServerSettings.Load(file, new Dictionary<string, string?>()));

        Assert.Equal(["one@example.invalid", "two@example.invalid"], fromFile.Mqtt!.Gardens);
        Assert.Equal("from-env", fromFile.Mqtt.Password);
        Assert.Equal("ha", fromFile.Mqtt.Username);
        Assert.Equal(["a@example.invalid", "b@example.invalid"], fromEnvironment.Mqtt!.Gardens);
        Assert.Equal("from-the-file", fromEnvironment.Mqtt.Password);
        Assert.Equal(8883, fromEnvironment.Mqtt.Port);
        Assert.Equal(["c@example.invalid", "d@example.invalid"], fromFlags.Mqtt!.Gardens);
        Assert.Null(fromFlags.Mqtt.Password);
        Assert.Null(serving.Read(command.Parse([]), ServerSettings.Load(null, new Dictionary<string, string?>())).Mqtt);
        Assert.DoesNotContain("from-env", fromFile.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "keep_uploads": "lots" }""", "keep_uploads")]
    [InlineData("""{ "no_web": "perhaps" }""", "no_web")]
    [InlineData("""{ "log_format": "xml" }""", "LOG_FORMAT")]
    [InlineData("""{ "keep_uploads": """, "is not JSON")]
    public async Task A_setting_that_does_not_fit_is_one_line_naming_where_it_came_from(string json, string named)
    {
        var file = Path.Combine(_folder, "server.json");
        await File.WriteAllTextAsync(file, json, Ct);
        var error = new StringWriter();

        var exit = await ServerCommandLine.RunAsync(["--config", file, "--database", Path.Combine(_folder, "s.db"), "serve", "--urls", "http://127.0.0.1:0"], TextWriter.Null, error, Ct, null, new CapturingLoggerFactory());

        Assert.Equal(2, exit);
        Assert.Contains(named, Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_settings_file_is_one_line()
    {
        var error = new StringWriter();

        var exit = await ServerCommandLine.RunAsync(["--config", Path.Combine(_folder, "nope.json"), "users", "list"], TextWriter.Null, error, Ct, null, new CapturingLoggerFactory());

        Assert.Equal(2, exit);
        Assert.Contains("no settings file", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_process_takes_its_database_and_settings_from_the_environment()
    {
        var path = Path.Combine(_folder, "env.db");
        await ServerCommandLine.RunAsync(["--database", path, "users", "add", "env@example.invalid", "--password-stdin"], TextWriter.Null, TextWriter.Null, Ct, new StringReader("garden-password-1\n"), new CapturingLoggerFactory());

        await using var server = await ServerProcess.StartAsync([], Ct, new Dictionary<string, string> { ["FLOWERPOWER_DATABASE"] = path, ["FLOWERPOWER_NO_WEB"] = "true" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var root = await http.GetAsync("/", Ct);
        var listed = new StringWriter();
        await ServerCommandLine.RunAsync(["--database", path, "users", "list"], listed, TextWriter.Null, Ct, null, new CapturingLoggerFactory());

        Assert.Equal(HttpStatusCode.Unauthorized, root.StatusCode);
        Assert.Contains("env@example.invalid", listed.ToString(), StringComparison.Ordinal);
    }
}
