using System.Net;
using System.Text;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// What an attacker on the network meets: bodies over their endpoint's limit answered 413 without being read, and
/// floods of sign-in attempts answered 429 with Retry-After, per client address and per user name, while other
/// users still sign in.
/// </summary>
public sealed class ServerLimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_30_MB_token_form_is_answered_413_without_being_read(bool announced)
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        var headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" };
        var start = Encoding.ASCII.GetBytes("grant_type=password&username=" + new string('a', 64 * 1024));
        if (announced)
        {
            headers["Content-Length"] = (30 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            headers["Transfer-Encoding"] = "chunked";
            start = [.. Encoding.ASCII.GetBytes($"{start.Length:x}\r\n"), .. start, .. "\r\n"u8];
        }

        var (status, head) = await RawHttp.SendAsync(session.Server.BaseAddress, "POST", "user/v1/authenticate", headers, start, Ct);

        Assert.True(status == 413, head);
    }

    [Theory]
    [InlineData("sensor_data/v8/sample", 4)]
    [InlineData("garden/v1/status", 1)]
    public async Task An_upload_over_its_limit_is_answered_413_and_nothing_is_stored(string path, int limitMegabytes)
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        using var bridge = await UploadTests.BridgeAsync(session, ServerSession.Alice);
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json",
            ["Authorization"] = bridge.DefaultRequestHeaders.Authorization!.ToString(),
            ["Content-Length"] = (((limitMegabytes * 1024) + 1) * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        var (status, head) = await RawHttp.SendAsync(session.Server.BaseAddress, "PUT", path, headers, Encoding.ASCII.GetBytes("{\"client_datetime_utc\":\""), Ct);

        Assert.True(status == 413, head);
        await using var connection = await session.OpenDatabase().OpenAsync(Ct);
        Assert.Equal(0, await FlowerPower.Cloud.Server.Storage.Db.ScalarAsync<long>(connection, null, "SELECT COUNT(*) FROM uploads", Ct));
    }

    [Fact]
    public async Task An_upload_just_under_its_limit_is_read_and_refused_for_what_it_says()
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        using var http = await UploadTests.BridgeAsync(session, ServerSession.Alice);
        var body = "{\"client_datetime_utc\":\"" + new string('x', 1024 * 1024) + "\"}";

        using var response = await UploadTests.PutAsync(http, "sensor_data/v8/sample", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("9060", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flood_of_wrong_client_secrets_from_one_address_gets_429_with_retry_after()
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        using var http = new HttpClient { BaseAddress = session.Server.BaseAddress };
        var answers = new List<HttpResponseMessage>();

        for (var i = 0; i < 30; i++)
        {
            answers.Add(await http.PostAsync("user/v1/authenticate", Form(ServerSession.Alice, "wrong-password", "wrong-secret"), Ct));
        }

        Assert.All(answers.Take(20), a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        var limited = answers.Skip(20).ToList();
        Assert.All(limited, a => Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode));
        Assert.All(limited, a => Assert.True(a.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After"));
        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task Wrong_passwords_for_one_user_are_slowed_with_429_and_another_user_still_signs_in()
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        using var http = new HttpClient { BaseAddress = session.Server.BaseAddress };
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 12; i++)
        {
            using var answer = await http.PostAsync("user/v1/authenticate", Form(ServerSession.Alice, "wrong-password-" + i), Ct);
            statuses.Add(answer.StatusCode);
        }

        using var limited = await http.PostAsync("user/v1/authenticate", Form(ServerSession.Alice, ServerSession.Password), Ct);
        using var bob = await http.PostAsync("user/v1/authenticate", Form(ServerSession.Bob, ServerSession.Password), Ct);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.BadRequest, 10), statuses.Take(10));
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2), statuses.Skip(10));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
    }

    [Fact]
    public async Task The_sdk_reads_the_servers_429_as_a_rate_limit_with_its_wait()
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        using var http = new HttpClient { BaseAddress = session.Server.BaseAddress };
        for (var i = 0; i < 10; i++)
        {
            (await http.PostAsync("user/v1/authenticate", Form(ServerSession.Alice, "wrong-password-" + i), Ct)).Dispose();
        }

        using var client = new FlowerPowerClient(session.Options());
        var error = await Assert.ThrowsAsync<FlowerPowerRateLimitException>(() => client.GetProfileAsync(Ct));

        Assert.True(error.RetryAfter > TimeSpan.Zero, $"RetryAfter {error.RetryAfter}");
    }

    [Fact]
    public async Task An_unknown_user_is_refused_like_a_wrong_password()
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        using var http = new HttpClient { BaseAddress = session.Server.BaseAddress };

        using var unknown = await http.PostAsync("user/v1/authenticate", Form("nobody@example.invalid", ServerSession.Password), Ct);
        using var wrong = await http.PostAsync("user/v1/authenticate", Form(ServerSession.Alice, "wrong-password"), Ct);

        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        Assert.Equal(await wrong.Content.ReadAsStringAsync(Ct), await unknown.Content.ReadAsStringAsync(Ct));
    }

    private static FormUrlEncodedContent Form(string user, string password, string secret = ServerSession.ClientSecret) =>
        new(ServerSession.PasswordForm(user, password, secret));
}
