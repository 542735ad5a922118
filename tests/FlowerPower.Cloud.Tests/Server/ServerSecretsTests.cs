using System.Net;
using FlowerPower.Cloud.Server.CommandLine;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// Secrets stay where they belong: off the command line (read from standard input), in a database file only its
/// owner can read, and out of every answer, even with <c>ASPNETCORE_ENVIRONMENT=Development</c> and a failure.
/// </summary>
public sealed class ServerSecretsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flowerpower-secrets-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Passwords_and_client_secrets_read_from_standard_input_sign_in_and_nothing_is_printed()
    {
        string[] db = ["--database", Path.Combine(_folder, "a.db")];
        var output = new StringWriter();
        var error = new StringWriter();

        var user = await ServerCommandLine.RunAsync([.. db, "users", "add", "owner@example.invalid", "--password-stdin"], output, error, Ct, new StringReader("stdin-password-1\n"));
        var client = await ServerCommandLine.RunAsync([.. db, "clients", "add", "my-app", "--secret-stdin"], output, error, Ct, new StringReader("stdin-secret-1\r\n"));
        var session = await SignInAsync(Path.Combine(_folder, "a.db"), "owner@example.invalid", "stdin-password-1", "my-app", "stdin-secret-1");

        Assert.Equal(0, user);
        Assert.Equal(0, client);
        Assert.Empty(error.ToString());
        Assert.DoesNotContain("stdin-password-1", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, session);
    }

    [Fact]
    public async Task A_password_on_the_command_line_still_works_with_a_warning_that_does_not_repeat_it()
    {
        var error = new StringWriter();

        var exit = await ServerCommandLine.RunAsync(
            ["--database", Path.Combine(_folder, "b.db"), "users", "add", "owner@example.invalid", "--password", "visible-password"], TextWriter.Null, error, Ct);

        Assert.Equal(0, exit);
        Assert.Contains("warning: --password put the password on the command line", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("visible-password", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("users add a@b.invalid --password-stdin", "", "--password-stdin read nothing from standard input")]
    [InlineData("users add a@b.invalid --password-stdin --password x", "", "give --password or --password-stdin, not both")]
    [InlineData("clients add app", "", "give the secret with --secret-stdin")]
    [InlineData("users add a@b.invalid --password-stdin", "short\n", "the password must have at least 8 characters")]
    public async Task A_secret_given_wrong_is_one_line_and_exit_code_2(string args, string stdin, string expected)
    {
        var error = new StringWriter();

        var exit = await ServerCommandLine.RunAsync([.. args.Split(' '), "--database", Path.Combine(_folder, "c.db")], TextWriter.Null, error, Ct, new StringReader(stdin));

        Assert.Equal(2, exit);
        Assert.Contains(expected, Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_sqlite_database_and_its_write_ahead_log_are_readable_by_their_owner_only()
    {
        var path = Path.Combine(_folder, "mode.db");

        Assert.Equal(0, await ServerCommandLine.RunAsync(["--database", path, "users", "add", "a@b.invalid", "--password-stdin"], TextWriter.Null, TextWriter.Null, Ct, new StringReader("password-1\n")));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        foreach (var companion in new[] { path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(companion));
        }
    }

    [Fact]
    public async Task A_failure_in_development_shows_no_stack_trace_and_echoes_no_header()
    {
        // Development is set for the server's process only: the tests running beside this one keep their environment.
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        string location;
        await using (var handle = database.Open())
        {
            await handle.MigrateAsync(Ct);
            var accounts = new FlowerPower.Cloud.Server.Administration.AccountAdmin(handle, TimeProvider.System);
            await accounts.AddClientAsync(ServerSession.ClientId, ServerSession.ClientSecret, Ct);
            await accounts.AddUserAsync(ServerSession.Alice, ServerSession.Password, "UTC", Ct);
            location = await accounts.AddLocationAsync(ServerSession.Alice, "Basil", ServerSession.AliceSensor, null, true, Ct);
        }

        await using var server = await ServerProcess.StartAsync(database.Arguments, Ct, new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DOTNET_ENVIRONMENT"] = "Development" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var signIn = await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(ServerSession.PasswordForm()), Ct);
        var token = System.Text.Json.JsonDocument.Parse(await signIn.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("access_token").GetString()!;
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        await using (var connection = await database.Open().OpenAsync(Ct))
        {
            await FlowerPower.Cloud.Server.Storage.Db.ExecuteAsync(connection, null, "DROP TABLE waterings", Ct);
        }

        using var response = await http.GetAsync(
            $"sensor_data/v6/sample/location/{location}?from_datetime_utc=2026-11-30T00:00:00Z&to_datetime_utc=2026-12-01T00:00:00Z", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain(token, body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", body, StringComparison.Ordinal);
        Assert.DoesNotContain("waterings", body, StringComparison.Ordinal);
        Assert.Contains("\"error_code\":500", body, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> SignInAsync(string database, string user, string password, string clientId, string secret)
    {
        await using var db = new FlowerPower.Cloud.Server.Storage.SqliteCloudDatabase(database);
        await using var server = await FlowerPower.Cloud.Server.Hosting.CloudServer.StartAsync(db, "http://127.0.0.1:0", TimeSpan.FromHours(1), cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var response = await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = user, ["password"] = password, ["client_id"] = clientId, ["client_secret"] = secret,
        }), Ct);
        return response.StatusCode;
    }
}
