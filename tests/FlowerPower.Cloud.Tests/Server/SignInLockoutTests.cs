using System.Net;
using FlowerPower.Cloud.Server.Hosting;
using FlowerPower.Cloud.Server.Limits;
using FlowerPower.Cloud.Tests.TestSupport;
using FlowerPower.Cloud.Wire;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// Failed passwords, not attempts, count against a user, and a name is refused only to addresses that have been
/// failing for it: a stranger who keeps posting a victim's email locks out nobody but themselves, through the token
/// endpoint and through the web garden's form (whose sign-ins are seen from the browser's address, not the server's).
/// The limits live in the database, so two instances share one allowance.
/// </summary>
public sealed class SignInLockoutTests
{
    private const string Attacker = "203.0.113.5";
    private const string Victim = "198.51.100.7";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_stranger_failing_for_a_users_name_never_locks_out_that_users_correct_password(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind, options: new ServerOptions { Urls = "http://127.0.0.1:0", ForwardedHeaders = true });
        using var http = new HttpClient { BaseAddress = session.Server.BaseAddress };
        var attacker = new List<HttpStatusCode>();

        for (var i = 0; i < 18; i++)
        {
            using var guess = await SignInAsync(http, Attacker, ServerSession.Alice, "guess-" + i);
            attacker.Add(guess.StatusCode);
        }

        using var attackerRight = await SignInAsync(http, Attacker, ServerSession.Alice, ServerSession.Password);
        using var victimRight = await SignInAsync(http, Victim, ServerSession.Alice, ServerSession.Password);
        using var app = new FlowerPowerClient(session.Options());
        var versions = await app.GetVersionsAsync(Ct);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.BadRequest, 10), attacker.Take(10));
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 8), attacker.Skip(10));
        Assert.Equal(HttpStatusCode.TooManyRequests, attackerRight.StatusCode);
        Assert.True(attackerRight.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        Assert.Equal(HttpStatusCode.OK, victimRight.StatusCode);
        Assert.NotNull(versions);
    }

    [Fact]
    public async Task A_stranger_posting_the_owners_email_to_the_web_form_never_locks_the_owner_out_and_is_logged_with_their_address()
    {
        var logs = new CapturingLoggerFactory();
        await using var site = await WebGardenServer.StartAsync(days: 0, new ServerOptions { Urls = "http://127.0.0.1:0", ForwardedHeaders = true }, loggers: logs);
        var attacker = new List<HttpStatusCode>();

        for (var i = 0; i < 15; i++)
        {
            using var guess = await FormSignInAsync(site, Attacker, "guess-" + i);
            attacker.Add(guess.StatusCode);
        }

        using var owner = await FormSignInAsync(site, Victim, WebGardenServer.Password);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 10), attacker.Take(10));
        Assert.All(attacker.Skip(10), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
        var failed = logs.Lines.Where(l => l.EventId.Id == CloudEvents.SignInFailed.Id).ToList();
        Assert.Equal(10, failed.Count);
        Assert.All(failed, l => Assert.Contains("from " + Attacker, l.Message, StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.EventId.Id == CloudEvents.SignInSucceeded.Id && l.Message.Contains("from " + Victim, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains("from 127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_web_call_header_without_the_servers_key_claims_no_address()
    {
        var logs = new CapturingLoggerFactory();
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        using var http = new HttpClient { BaseAddress = (await session.AddServerAsync(loggers: logs)).BaseAddress };

        using var request = new HttpRequestMessage(HttpMethod.Post, "user/v1/authenticate") { Content = new FormUrlEncodedContent(ServerSession.PasswordForm(password: "wrong-password")) };
        request.Headers.Add(FlowerPower.Cloud.Server.Web.SelfCallHandler.KeyHeader, "guessed-key");
        request.Headers.Add(FlowerPower.Cloud.Server.Web.SelfCallHandler.ClientAddressHeader, Victim);
        using var answer = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains(Victim, StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.EventId.Id == CloudEvents.SignInFailed.Id && l.Message.Contains("from 127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_instances_on_postgres_share_one_allowance_per_address()
    {
        await using var session = await ServerSession.StartAsync(
            TestDatabase.Postgres, options: new ServerOptions { Urls = "http://127.0.0.1:0", Allowances = new Allowances { SignInBurstPerAddress = 4, SignInsPerMinutePerAddress = 1 } });
        var other = await session.AddServerAsync(options: new ServerOptions { Urls = "http://127.0.0.1:0", Allowances = new Allowances { SignInBurstPerAddress = 4, SignInsPerMinutePerAddress = 1 } });
        using var a = new HttpClient { BaseAddress = session.Server.BaseAddress };
        using var b = new HttpClient { BaseAddress = other.BaseAddress };
        var answers = new List<HttpStatusCode>();

        for (var i = 0; i < 8; i++)
        {
            using var answer = await (i % 2 == 0 ? a : b).PostAsync("user/v1/authenticate", new FormUrlEncodedContent(ServerSession.PasswordForm(secret: "wrong-secret")), Ct);
            answers.Add(answer.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.BadRequest, 4), answers.Take(4));
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 4), answers.Skip(4));
    }

    [Fact]
    public async Task Two_server_processes_on_postgres_share_the_sign_in_limits()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        await using (var handle = database.Open())
        {
            await handle.MigrateAsync(Ct);
        }

        await using var first = await ServerProcess.StartAsync(database.Arguments, Ct);
        await using var second = await ServerProcess.StartAsync(database.Arguments, Ct);
        using var a = new HttpClient { BaseAddress = first.BaseAddress };
        using var b = new HttpClient { BaseAddress = second.BaseAddress };
        var answers = new List<HttpStatusCode>();

        // 20 at once and 10 a minute from one address, whichever process answers: 30 in a row leave at most a couple
        // of refills' worth over 20 answered.
        for (var i = 0; i < 30; i++)
        {
            using var answer = await (i % 2 == 0 ? a : b).PostAsync("user/v1/authenticate", new FormUrlEncodedContent(ServerSession.PasswordForm(secret: "wrong-secret")), Ct);
            answers.Add(answer.StatusCode);
        }

        Assert.All(answers.Take(20), s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.InRange(answers.Count(s => s == HttpStatusCode.TooManyRequests), 8, 10);
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient http, string from, string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "user/v1/authenticate") { Content = new FormUrlEncodedContent(ServerSession.PasswordForm(user, password)) };
        request.Headers.Add("X-Forwarded-For", from);
        return await http.SendAsync(request, Ct);
    }

    /// <summary>A browser at <paramref name="from"/>, behind the server's TLS proxy, signing in through the form.</summary>
    private static async Task<HttpResponseMessage> FormSignInAsync(WebGardenServer site, string from, string password)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = site.Address };
        using var get = new HttpRequestMessage(HttpMethod.Get, "/sign-in");
        get.Headers.Add("X-Forwarded-For", from);
        get.Headers.Add("X-Forwarded-Proto", "https");
        using var form = await http.SendAsync(get, Ct);
        var cookie = form.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        using var post = new HttpRequestMessage(HttpMethod.Post, "/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["form-token"] = WebGardenServer.FormToken(await form.Content.ReadAsStringAsync(Ct)), ["email"] = WebGardenServer.Owner, ["password"] = password,
            }),
        };
        post.Headers.Add("X-Forwarded-For", from);
        post.Headers.Add("X-Forwarded-Proto", "https");
        post.Headers.Add("Cookie", cookie);
        return await http.SendAsync(post, Ct);
    }
}
