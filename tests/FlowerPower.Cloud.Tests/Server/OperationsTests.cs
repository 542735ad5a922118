using System.Net;
using FlowerPower.Cloud.Server.Administration;
using FlowerPower.Cloud.Server.CommandLine;
using FlowerPower.Cloud.Server.Hosting;
using FlowerPower.Cloud.Server.Storage;
using FlowerPower.Cloud.Tests.Samples;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// Running the server for years: probes for watchdogs and load balancers, a log line per request and an audit event
/// per sign-in and upload (none carrying a secret), a backup taken while uploads run that serves every committed
/// sample, and a garden status whose cost in statements does not grow with the garden.
/// </summary>
public sealed class OperationsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Healthz_answers_without_a_token_and_readyz_follows_the_database(string kind)
    {
        var database = await TestDatabase.CreateAsync(kind);
        var handle = database.Open();
        await using var server = await CloudServer.StartAsync(handle, "http://127.0.0.1:0", TimeSpan.FromHours(1), cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var health = await http.GetAsync("healthz", Ct);
        using var ready = await http.GetAsync("readyz", Ct);
        using var api = await http.GetAsync("user/v1/versions", Ct);
        await database.DisposeAsync();
        if (kind == TestDatabase.Sqlite)
        {
            // A SQLite file that is gone comes back empty: make its folder a file, so it cannot.
            await File.WriteAllTextAsync(Path.GetDirectoryName(database.SqlitePath!)!, "not a folder", Ct);
        }

        using var healthAfter = await http.GetAsync("healthz", Ct);
        using var readyAfter = await http.GetAsync("readyz", Ct);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthAfter.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyAfter.StatusCode);
        await handle.DisposeAsync();
        if (kind == TestDatabase.Sqlite)
        {
            File.Delete(Path.GetDirectoryName(database.SqlitePath!)!);
        }
    }

    [Fact]
    public async Task Every_request_is_logged_with_its_route_and_every_sign_in_and_upload_is_audited_without_a_secret()
    {
        var logs = new CapturingLoggerFactory();
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        await using var server = await CloudServer.StartAsync(
            session.OpenDatabase(), new ServerOptions { Urls = "http://127.0.0.1:0" }, loggerFactory: logs, cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var now = DateTimeOffset.UtcNow;
        var upload = new BridgeUpload(ServerSession.AliceSensor, new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-3), now);

        using var wrong = await http.GetAsync(
            $"user/v1/authenticate?grant_type=password&username={ServerSession.Alice}&password=not-the-password&client_id={ServerSession.ClientId}&client_secret={ServerSession.ClientSecret}", Ct);
        using var signIn = await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(ServerSession.PasswordForm()), Ct);
        var tokens = System.Text.Json.JsonDocument.Parse(await signIn.Content.ReadAsStringAsync(Ct)).RootElement;
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using var uploaded = await UploadTests.PutAsync(http, "sensor_data/v8/sample", upload.Json());
        using var status = await http.GetAsync("garden/v1/status", Ct);

        var lines = logs.Lines.ToList();
        Assert.True(lines.Count > 0, "nothing logged");
        Assert.Contains(lines, l => l.EventId.Id == 2002 && l.Message.Contains(ServerSession.Alice, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EventId.Id == 2001 && l.Message.Contains(ServerSession.ClientId, StringComparison.Ordinal) && l.Message.Contains("127.0.0.1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EventId.Id == 3001 && l.Message.Contains(ServerSession.AliceSensor, StringComparison.Ordinal) && l.Message.Contains("6 samples", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EventId.Id == 1001 && l.Message.StartsWith("GET /garden/v1/status 200", StringComparison.Ordinal) && !l.Message.EndsWith("user ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EventId.Id == 1001 && l.Message.StartsWith("PUT /sensor_data/v8/sample 200", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EventId.Id == 1001 && l.Message.StartsWith("GET /user/v1/authenticate 400", StringComparison.Ordinal));
        var text = logs.AllText;
        foreach (var secret in new[] { ServerSession.Password, "not-the-password", ServerSession.ClientSecret, tokens.GetProperty("access_token").GetString()!, tokens.GetProperty("refresh_token").GetString()! })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_nightly_backup_script_writes_a_dated_owner_only_copy_and_removes_only_its_own_copies_past_the_retention()
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(session.Database.SqlitePath!)!, "backups")).FullName;
        string Aged(string name, int days)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, name);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(-days));
            return path;
        }

        var expired = Aged("flowerpower-2026-01-01T033000Z.db", 20);
        var kept = Aged("flowerpower-2026-11-30T033000Z.db", 3);
        var notOurs = Aged("notes-about-the-garden.txt", 40);
        var script = Path.Combine(ReadmeSnippetTests.RepositoryRoot(), "deploy", "flowerpower-backup.sh");
        var server = Path.Combine(AppContext.BaseDirectory, "FlowerPower.Cloud.Server");

        var (exit, error) = await RunAsync("/bin/sh", script, server, session.Database.SqlitePath!, folder, "14");
        var (badDays, badDaysError) = await RunAsync("/bin/sh", script, server, session.Database.SqlitePath!, folder, "two weeks");

        Assert.True(exit == 0, error);
        Assert.False(File.Exists(expired));
        Assert.True(File.Exists(kept));
        Assert.True(File.Exists(notOurs));
        var copy = Assert.Single(Directory.GetFiles(folder, "flowerpower-*.db"), f => f != kept);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(copy) & (UnixFileMode)0x1FF);
        await using (var restored = new SqliteCloudDatabase(copy))
        {
            Assert.Contains(await new AccountAdmin(restored, TimeProvider.System).ListUsersAsync(Ct), line => line.StartsWith(ServerSession.Alice, StringComparison.Ordinal));
        }

        Assert.Equal(2, badDays);
        Assert.Contains("DAYS must be a whole number", badDaysError, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Error)> RunAsync(string program, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(Ct);
        _ = process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        return (process.ExitCode, await error);
    }

    [Fact]
    public async Task A_backup_taken_while_uploads_run_serves_every_sample_committed_before_it()
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        using var bridge = await UploadTests.BridgeAsync(session, ServerSession.Alice);
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, TimeSpan.Zero).AddDays(-4);
        var committed = 0;
        using var stop = new CancellationTokenSource();
        var uploads = Task.Run(async () =>
        {
            for (var i = 0; i < 60 && !stop.IsCancellationRequested; i++)
            {
                using var response = await UploadTests.PutAsync(bridge, "sensor_data/v8/sample", new BridgeUpload(ServerSession.AliceSensor, start.AddMinutes(i * 90), now).Json());
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Interlocked.Increment(ref committed);
            }
        }, Ct);
        while (Volatile.Read(ref committed) < 5)
        {
            await Task.Yield();
        }

        var before = Volatile.Read(ref committed);
        var copy = Path.Combine(Path.GetDirectoryName(session.Database.SqlitePath!)!, "backup.db");
        var output = new StringWriter();
        var exit = await ServerCommandLine.RunAsync([.. session.Database.Arguments, "backup", copy], output, TextWriter.Null, Ct, null, new CapturingLoggerFactory());
        await stop.CancelAsync();
        await uploads;

        await using var restored = new SqliteCloudDatabase(copy);
        await using var server = await CloudServer.StartAsync(restored, "http://127.0.0.1:0", TimeSpan.FromHours(1), cancellationToken: Ct);
        var options = session.Options(server: server);
        using var client = new FlowerPowerClient(options);
        var samples = await client.GetSamplesAsync(session.AliceLocation, start.AddMinutes(-1), now, Ct);

        Assert.Equal(0, exit);
        Assert.Contains("serve it with --database", output.ToString(), StringComparison.Ordinal);
        Assert.True(samples.Samples.Count >= before * 6, $"{samples.Samples.Count} samples in the copy, {before} uploads of 6 committed before it");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Upload_bodies_past_their_retention_are_pruned_and_their_samples_stay(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        using var bridge = await UploadTests.BridgeAsync(session, ServerSession.Alice);
        var now = DateTimeOffset.UtcNow;
        using var uploaded = await UploadTests.PutAsync(
            bridge, "sensor_data/v8/sample", new BridgeUpload(ServerSession.AliceSensor, new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-3), now).Json());
        await using (var connection = await session.OpenDatabase().OpenAsync(Ct))
        {
            await connection.ExecuteAsync(null, "INSERT INTO uploads (user_id, kind, received_ms, body) SELECT user_id, kind, @t, body FROM uploads", Ct,
                ("@t", now.AddDays(-100).ToUnixTimeMilliseconds()));
        }

        var output = new StringWriter();
        var exit = await ServerCommandLine.RunAsync([.. session.Database.Arguments, "uploads", "prune", "--keep-uploads", "90"], output, TextWriter.Null, Ct, null, new CapturingLoggerFactory());

        await using var check = await session.OpenDatabase().OpenAsync(Ct);
        Assert.Equal(0, exit);
        Assert.Contains("removed 1 upload bodies older than 90 days", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await check.ScalarAsync<long>(null, "SELECT COUNT(*) FROM uploads", Ct));
        Assert.Equal(6, await check.ScalarAsync<long>(null, "SELECT COUNT(*) FROM samples WHERE raw_light IS NOT NULL", Ct));
    }

    [Fact]
    public async Task The_store_calls_of_one_request_share_one_connection()
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        var counting = new CountingDatabase(session.OpenDatabase());
        await using var server = await CloudServer.StartAsync(counting, "http://127.0.0.1:0", TimeSpan.FromHours(1), cancellationToken: Ct);
        using var bridge = await UploadTests.BridgeAsync(session, ServerSession.Alice);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = bridge.DefaultRequestHeaders.Authorization;
        var opens = new List<int>();

        foreach (var path in new[] { "garden/v1/status", "garden/v2/configuration", $"sensor_data/v6/sample/location/{session.AliceLocation}?from_datetime_utc=2026-11-30T00:00:00Z&to_datetime_utc=2026-12-01T00:00:00Z" })
        {
            var before = counting.Opens;
            using var response = await http.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            opens.Add(counting.Opens - before);
        }

        Assert.Equal([1, 1, 1], opens);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_garden_status_takes_the_same_number_of_statements_for_1_and_100_locations(string kind)
    {
        var counts = new List<int>();
        foreach (var locations in new[] { 1, 100 })
        {
            await using var database = await TestDatabase.CreateAsync(kind);
            var handle = database.Open();
            await handle.MigrateAsync(Ct);
            var admin = new AccountAdmin(handle, TimeProvider.System);
            await admin.AddUserAsync("many@example.invalid", "garden-password-1", "UTC", Ct);
            var user = 0L;
            await using (var connection = await handle.OpenAsync(Ct))
            {
                user = await connection.ScalarAsync<long>(null, "SELECT id FROM users", Ct);
            }

            for (var i = 0; i < locations; i++)
            {
                await admin.AddLocationAsync("many@example.invalid", $"Plant {i}", $"PI0403070000{i:D6}", null, true, Ct);
            }

            await using (var connection = await handle.OpenAsync(Ct))
            await using (var transaction = await handle.BeginWriteAsync(connection, Ct))
            {
                var ids = new List<long>();
                await using (var command = connection.Command(transaction, "SELECT id FROM locations"))
                await using (var reader = await command.ExecuteReaderAsync(Ct))
                {
                    while (await reader.ReadAsync(Ct))
                    {
                        ids.Add(reader.GetInt64(0));
                    }
                }

                var end = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
                foreach (var id in ids)
                {
                    var rows = Enumerable.Range(0, 200).Select(k => new SampleRow(end - (k * 900_000L), 5 + (k % 7), 1.2, 21, 30 - (k * 0.05), null, 80)).ToList();
                    await handle.InsertSamplesAsync(connection, transaction, id, rows, Ct);
                    await LocationRecords.CountAddedAsync(connection, transaction, id, rows.Count, rows, Ct);
                }

                await transaction.CommitAsync(Ct);
            }

            var counting = new CountingDatabase(handle);
            var store = new SqlCloudStore(counting, TimeProvider.System, TimeSpan.FromHours(1));
            var histories = await store.GetHistoriesAsync(user, Ct);

            Assert.Equal(locations, histories.Count);
            Assert.All(histories, h => Assert.NotNull(h.Latest));
            Assert.All(histories, h => Assert.NotNull(h.DailyLight));
            Assert.All(histories, h => Assert.NotNull(h.DryingPerDay));
            counts.Add(counting.Commands);
            await handle.DisposeAsync();
        }

        Assert.Equal(counts[0], counts[1]);
        Assert.InRange(counts[0], 1, 4);
    }
}
