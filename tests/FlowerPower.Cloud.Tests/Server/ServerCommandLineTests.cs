using System.Net;
using System.Net.Sockets;
using FlowerPower.Cloud.Samples;
using FlowerPower.Cloud.Server.CommandLine;
using FlowerPower.Cloud.Tests.Samples;
using FlowerPower.Cloud.Tests.TestSupport;
using FlowerPower.Cloud.Wire;
using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>The server as an owner runs it: administration commands, import, serve, and the console sample reading it back.</summary>
public sealed class ServerCommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flowerpower-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task An_owner_sets_up_a_server_imports_a_dump_and_the_console_sample_reads_back_exactly_the_imported_rows(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var db = database.Arguments;
        Assert.Equal(0, await RunAsync([.. db, "users", "add", "owner@example.invalid", "--password", "owner-password"]));
        Assert.Equal(0, await RunAsync([.. db, "clients", "add", "my-app", "--secret", "my-app-secret"]));
        Assert.Equal(0, await RunAsync([.. db, "locations", "add", "--user", "owner@example.invalid", "--nickname", "Monstera", "--sensor", "PI040307AD5G2000AB", "--sensor-name", "Flower power 00AB", "--calibration-data", "0000f6001900ffffffffa500ef025405d005df002802"]));
        var dump = Directory.CreateDirectory(Path.Combine(_folder, "dump")).FullName;
        var start = DateTimeOffset.UtcNow.Date.AddDays(-20);
        var lines = Enumerable.Range(0, 300).Select(i => FormattableString.Invariant($"{start.AddMinutes(15 * i):yyyy-MM-dd HH:mm:ss} UTC,1.5,{i % 50 * 0.5},{30 - (i % 100 * 0.1):0.0},{20 + (i % 10 * 0.1):0.0}"));
        await File.WriteAllLinesAsync(Path.Combine(dump, "Flower power 00AB.csv"), ["capture_datetime_utc,fertilizer_level,light,soil_moisture_percent,air_temperature_celsius", .. lines], Ct);
        var importOutput = new StringWriter();
        Assert.Equal(0, await RunAsync([.. db, "import", "csv-dump", dump, "--user", "owner@example.invalid"], importOutput));
        Assert.Contains("300 new", importOutput.ToString(), StringComparison.Ordinal);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var serveOutput = new SignallingWriter("Press Ctrl+C");
        var serving = ServerCommandLine.RunAsync([.. db, "serve", "--urls", "http://127.0.0.1:0"], serveOutput, TextWriter.Null, stop.Token);
        await serveOutput.Seen.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        var address = serveOutput.ToString().Split("listening on ")[1].Split(' ')[0];
        var environment = new Dictionary<string, string?>
        {
            ["FLOWERPOWER_CLIENT_ID"] = "my-app",
            ["FLOWERPOWER_CLIENT_SECRET"] = "my-app-secret",
            ["FLOWERPOWER_USERNAME"] = "owner@example.invalid",
            ["FLOWERPOWER_PASSWORD"] = "owner-password",
            ["FLOWERPOWER_BASE_ADDRESS"] = address,
        };
        var sampleOutput = new StringWriter();
        var exit = await SampleApp.RunAsync(["--out", _folder], sampleOutput, TextWriter.Null, name => environment.GetValueOrDefault(name), Ct);

        // And the owner opens the server's address in a browser: the web garden, signed in with the same account.
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(address) };
        var signInForm = await browser.GetStringAsync("/", Ct);
        using var signedIn = await browser.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["form-token"] = WebGardenServer.FormToken(signInForm), ["email"] = "owner@example.invalid", ["password"] = "owner-password",
        }), Ct);
        var gardenPage = await signedIn.Content.ReadAsStringAsync(Ct);
        await stop.CancelAsync();

        Assert.True(exit == 0, sampleOutput.ToString());
        Assert.Equal(0, await serving.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Contains("Monstera", sampleOutput.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains("<h1>My garden</h1>", gardenPage, StringComparison.Ordinal);
        Assert.Contains("Monstera", gardenPage, StringComparison.Ordinal);
        await using var check = database.Open();
        await using (var connection = await check.OpenAsync(Ct))
        {
            Assert.Equal("0000f6001900ffffffffa500ef025405d005df002802", await FlowerPower.Cloud.Server.Storage.Db.ScalarAsync<string>(connection, null, "SELECT calibration_data FROM locations", Ct));
        }
        var csv = await File.ReadAllLinesAsync(Assert.Single(Directory.GetFiles(_folder, "*.csv")), Ct);
        Assert.Equal(300, csv.Length - 1);
        Assert.Contains($"({300} samples)", sampleOutput.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_answers_help()
    {
        var output = new StringWriter();

        Assert.Equal(0, await RunAsync(["--help"], output));

        Assert.Contains("csv-dump", await HelpOf(["import", "--help"]), StringComparison.Ordinal);
        Assert.Contains("--postgres", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("flowerpower-server [command] [options]", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("romi-json", await HelpOf(["import", "--help"]), StringComparison.Ordinal);
        Assert.Contains("serve", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_admin_commands_text_log_does_not_repeat_its_result_and_its_json_log_keeps_the_audit_record()
    {
        using var adminText = ServerLogs.Create("text", toStandardError: true);
        using var adminJson = ServerLogs.Create("json", toStandardError: true);
        using var serveText = ServerLogs.Create("text", toStandardError: false);

        Assert.False(adminText.CreateLogger(CloudEvents.AuditCategory).IsEnabled(LogLevel.Warning));
        Assert.True(adminText.CreateLogger("FlowerPower.Cloud.Server").IsEnabled(LogLevel.Information));
        Assert.True(adminJson.CreateLogger(CloudEvents.AuditCategory).IsEnabled(LogLevel.Information));
        Assert.True(serveText.CreateLogger(CloudEvents.AuditCategory).IsEnabled(LogLevel.Information));
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/operations.md")]
    public async Task Every_server_command_the_docs_show_exists_with_every_flag_they_give_it(string document)
    {
        var text = (await File.ReadAllTextAsync(Path.Combine(ReadmeSnippetTests.RepositoryRoot(), document), Ct)).Replace("\\\n", " ", StringComparison.Ordinal);
        var lines = text.Split('\n').Where(l => l.StartsWith("$server ", StringComparison.Ordinal)).ToList();
        var checkedFlags = 0;
        foreach (var line in lines)
        {
            var command = line.Split(" # ")[0];
            var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).TakeWhile(w => System.Text.RegularExpressions.Regex.IsMatch(w, "^[a-z][a-z-]*$")).Take(2).ToArray();
            var help = await HelpOf([.. words, "--help"]);
            Assert.True(help.Contains("Usage:", StringComparison.Ordinal), $"{document}: '{string.Join(' ', words)}' is not a command ({line.Trim()})");
            foreach (var flag in System.Text.RegularExpressions.Regex.Matches(command, @"(?<=\s)--[a-z][a-z-]*").Select(m => m.Value))
            {
                Assert.True(help.Contains(flag + " ", StringComparison.Ordinal) || help.Contains(flag + ",", StringComparison.Ordinal), $"{document}: '{string.Join(' ', words)}' has no {flag} ({line.Trim()})");
                checkedFlags++;
            }
        }

        Assert.True(lines.Count >= 5 && checkedFlags >= 5, $"{document}: {lines.Count} commands, {checkedFlags} flags checked");
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("serve --help")]
    [InlineData("users add --help")]
    [InlineData("locations set --help")]
    public async Task Help_says_each_default_and_each_choice_once(string args)
    {
        var help = await HelpOf(args.Split(' '));

        foreach (var line in help.Split('\n').Where(l => l.TrimStart().StartsWith("--", StringComparison.Ordinal)))
        {
            var defaults = line.Split("default", StringSplitOptions.None).Length - 1;
            Assert.True(defaults <= 1, "a default said twice: " + line.Trim());
            Assert.DoesNotContain("text or json", line, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("users add --password password-1", "Required argument 'EMAIL' missing")]
    [InlineData("users add a@b.invalid", "give the password with --password-stdin")]
    [InlineData("serve --token-lifetime soon", "soon")]
    [InlineData("plants add", "Unrecognized command or argument 'plants'")]
    [InlineData("users foo", "Unrecognized command or argument 'foo'")]
    [InlineData("users add a@b.invalid --password short", "flowerpower-server: the password must have at least 8 characters")]
    [InlineData("clients add app --secret short", "flowerpower-server: the client secret must have at least 8 characters")]
    [InlineData("users add not-an-email --password password-1", "is not an email address")]
    [InlineData("import csv-dump /no-such-folder-for-flowerpower --user a@b.invalid", "there is no folder /no-such-folder-for-flowerpower")]
    [InlineData("serve --mqtt mqtt://ha:broker-pw@127.0.0.1:1883 --mqtt-garden a@b.invalid", "FLOWERPOWER_MQTT_USERNAME")]
    [InlineData("serve --mqtt-garden a@b.invalid", "--mqtt-garden goes with --mqtt")]
    [InlineData("serve --mqtt mqtt://127.0.0.1:1883", "give --mqtt-garden EMAIL")]
    [InlineData("serve --mqtt http://127.0.0.1:1883 --mqtt-garden a@b.invalid", "is not an mqtt:// or mqtts:// address")]
    [InlineData("serve --mqtt mqtt://127.0.0.1:1883 --mqtt-garden a@b.invalid --mqtt-password-file /no-such-file-for-flowerpower", "cannot be read")]
    [InlineData("serve --metrics-urls http://0.0.0.0:9464", "is not loopback")]
    [InlineData("serve --metrics-urls http://127.0.0.1:5090", "shares its port with --urls")]
    [InlineData("serve --metrics-urls https://127.0.0.1:9464", "is not an http:// address")]
    public async Task A_bad_argument_is_one_line_and_exit_code_2(string args, string expected)
    {
        var error = new StringWriter();

        var exit = await RunAsync([.. args.Split(' '), "--database", Path.Combine(_folder, "x.db")], TextWriter.Null, error);

        Assert.Equal(2, exit);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("broker-pw", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_imported_plant_gets_its_real_sensor_with_locations_set_and_a_bridge_upload_then_lands_in_it_with_the_history()
    {
        var path = Path.Combine(_folder, "set.db");
        string[] db = ["--database", path];
        const string owner = "owner@example.invalid";
        Assert.Equal(0, await RunAsync([.. db, "users", "add", owner, "--password", "owner-password"]));
        Assert.Equal(0, await RunAsync([.. db, "clients", "add", "my-app", "--secret", "my-app-secret"]));
        var dump = Directory.CreateDirectory(Path.Combine(_folder, "set-dump")).FullName;
        var start = DateTimeOffset.UtcNow.Date.AddDays(-3);
        var lines = Enumerable.Range(0, 96).Select(i => FormattableString.Invariant($"{start.AddMinutes(15 * i):yyyy-MM-dd HH:mm:ss} UTC,1.5,{i % 50 * 0.5},{30 - (i % 100 * 0.1):0.0},{20 + (i % 10 * 0.1):0.0}"));
        await File.WriteAllLinesAsync(Path.Combine(dump, "Flower power 1589.csv"), ["capture_datetime_utc,fertilizer_level,light,soil_moisture_percent,air_temperature_celsius", .. lines], Ct);
        Assert.Equal(0, await RunAsync([.. db, "import", "csv-dump", dump, "--user", owner]));
        var listed = new StringWriter();
        Assert.Equal(0, await RunAsync([.. db, "locations", "list", "--user", owner], listed));
        var location = listed.ToString().Split(' ')[0].Trim();
        var refused = new StringWriter();

        var badSerial = await RunAsync([.. db, "locations", "set", "--user", owner, "--location", location, "--sensor", "6333"], TextWriter.Null, refused);
        var set = await RunAsync([.. db, "locations", "set", "--user", owner, "--location", location, "--sensor", "pi040307ad5g201589", "--nickname", "Monstera"]);

        Assert.Equal(2, badSerial);
        Assert.Contains("is not a sensor's serial", refused.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, set);
        await using (var database = new FlowerPower.Cloud.Server.Storage.SqliteCloudDatabase(path))
        await using (var server = await FlowerPower.Cloud.Server.Hosting.CloudServer.StartAsync(database, "http://127.0.0.1:0", TimeSpan.FromHours(1), cancellationToken: Ct))
        using (var client = new FlowerPowerClient(new FlowerPowerClientOptions
        {
            BaseAddress = server.BaseAddress, ClientId = "my-app", ClientSecret = "my-app-secret", Username = owner, Password = "owner-password",
        }))
        {
            var now = DateTimeOffset.UtcNow;
            await client.UploadSamplesAsync(Api.UploadCallsTests.Upload("PI040307AD5G201589", new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero)), Ct);
            var garden = await client.GetGardenAsync(Ct);
            var plant = Assert.Single(garden.Plants);
            Assert.Equal(location, plant.LocationIdentifier);
            Assert.Equal("Monstera", plant.Nickname);
            Assert.Equal("PI040307AD5G201589", plant.SensorSerial);
            Assert.Equal(96 + 6, plant.Status!.TotalSampleCount);
        }

        // The name it was imported by still finds it: the archive again adds nothing and makes no second plant.
        var again = new StringWriter();
        Assert.Equal(0, await RunAsync([.. db, "import", "csv-dump", dump, "--user", owner], again));
        var after = new StringWriter();
        Assert.Equal(0, await RunAsync([.. db, "locations", "list", "--user", owner], after));
        Assert.Single(after.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("0 new", again.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_a_newer_server_migrated_is_refused_in_one_line_and_left_untouched()
    {
        var path = Path.Combine(_folder, "newer.db");
        Assert.Equal(0, await RunAsync(["users", "add", "owner@example.invalid", "--password", "owner-password", "--database", path]));
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version) VALUES (99)";
            await command.ExecuteNonQueryAsync(Ct);
        }

        var serveError = new StringWriter();
        var listError = new StringWriter();
        var serve = await RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--database", path], TextWriter.Null, serveError);
        var list = await RunAsync(["users", "list", "--database", path], TextWriter.Null, listError);

        Assert.Equal(1, serve);
        Assert.Equal(1, list);
        foreach (var error in new[] { serveError, listError })
        {
            Assert.Contains("schema is version 99, newer than this server's", Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        }

        await using var check = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        await check.OpenAsync(Ct);
        await using var versions = check.CreateCommand();
        versions.CommandText = $"SELECT COUNT(*) FROM schema_version WHERE version > {FlowerPower.Cloud.Server.Storage.Schema.Migrations(FlowerPower.Cloud.Server.Storage.DatabaseKind.Sqlite).Count}";
        Assert.Equal(1L, await versions.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_and_exit_code_2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var error = new StringWriter();

        var exit = await RunAsync(["serve", "--urls", $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}", "--database", Path.Combine(_folder, "p.db")], TextWriter.Null, error);

        Assert.Equal(2, exit);
        Assert.Contains("cannot listen on", Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_that_cannot_be_done_is_one_line_and_exit_code_1()
    {
        string[] db = ["--database", Path.Combine(_folder, "a.db")];
        Assert.Equal(0, await RunAsync([.. db, "users", "add", "twice@example.invalid", "--password", "password-1"]));
        var error = new StringWriter();

        var exit = await RunAsync([.. db, "users", "add", "twice@example.invalid", "--password", "password-1"], TextWriter.Null, error);
        var unknown = await RunAsync([.. db, "locations", "add", "--user", "nobody@example.invalid", "--nickname", "X"], TextWriter.Null, error);

        Assert.Equal(1, exit);
        Assert.Equal(1, unknown);
        Assert.Contains("exists already", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("there is no user nobody@example.invalid", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_postgres_is_one_line_and_exit_code_1()
    {
        var error = new StringWriter();

        var exit = await RunAsync(["users", "add", "a@b.invalid", "--password", "password-1", "--postgres", "Host=127.0.0.1;Port=1;Username=x;Timeout=2"], TextWriter.Null, error);

        Assert.Equal(1, exit);
        Assert.Contains("cannot use PostgreSQL 127.0.0.1:1", Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    private static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null) =>
        ServerCommandLine.RunAsync(args, output ?? TextWriter.Null, error ?? TextWriter.Null, Ct);

    private static async Task<string> HelpOf(string[] args)
    {
        var output = new StringWriter();
        await RunAsync(args, output);
        return output.ToString();
    }

    private sealed class SignallingWriter(string marker) : StringWriter
    {
        private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Seen => _seen.Task;

        public override Task WriteLineAsync(string? value)
        {
            lock (this)
            {
                base.WriteLine(value);
            }

            if (value?.Contains(marker, StringComparison.Ordinal) == true)
            {
                _seen.TrySetResult();
            }

            return Task.CompletedTask;
        }
    }
}
