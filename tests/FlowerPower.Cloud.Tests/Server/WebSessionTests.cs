using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using FlowerPower.Cloud.Server.Administration;
using FlowerPower.Cloud.Server.Hosting;
using FlowerPower.Cloud.Server.Storage;
using FlowerPower.Cloud.Server.Web;
using FlowerPower.Cloud.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// The web garden's sessions live on the server: the cookie holds a random id, the tokens sit protected in
/// <c>web_sessions</c> and are rewritten the moment the SDK rotates them, so no page outcome can lose a rotation; a
/// session lasts 30 days after its last use, and signing out, <c>users passwd</c> and <c>tokens revoke</c> end it at
/// once. Cookies are Secure <c>__Host-</c> cookies unless the server only listens on loopback over plain HTTP.
/// </summary>
public sealed partial class WebSessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_rotation_whose_page_never_reached_the_browser_keeps_the_session_past_the_grace_period(string kind)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var site = await WebGardenServer.StartAsync(days: 0, new ServerOptions { Urls = "http://127.0.0.1:0", TokenLifetime = TimeSpan.FromMinutes(10) }, time, kind);
        var cookies = new CookieContainer();
        using var browser = site.Browser(cookies: cookies);
        using var signedIn = await WebGardenServer.SignInAsync(browser);
        var before = cookies.GetAllCookies().Select(c => new Cookie(c.Name, c.Value, c.Path, c.Domain)).ToList();
        var storedBefore = await StoredTokensAsync(site);

        // The access token expires; the next page makes the SDK rotate the tokens. Its answer never reaches the
        // browser (aborted, lost): the browser keeps what it had.
        time.Advance(TimeSpan.FromMinutes(11));
        using (var rotated = await browser.GetAsync("/", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        }

        var storedAfter = await StoredTokensAsync(site);
        var browserAsBefore = new CookieContainer();
        before.ForEach(browserAsBefore.Add);
        time.Advance(TimeSpan.FromMinutes(2));
        using var later = site.Browser(cookies: browserAsBefore);
        using var page = await later.GetAsync("/", Ct);

        Assert.NotEqual(storedBefore, storedAfter);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Monstera", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cookie_holds_a_random_id_and_the_server_keeps_the_tokens_protected()
    {
        await using var site = await WebGardenServer.StartAsync(days: 0);
        var cookies = new CookieContainer();
        using var browser = site.Browser(cookies: cookies);
        using var signedIn = await WebGardenServer.SignInAsync(browser);

        var id = cookies.GetAllCookies().Single(c => c.Name == WebGardenServer.SessionCookie).Value;
        await using var connection = await site.OpenDatabase().OpenAsync(Ct);
        var stored = await connection.ScalarAsync<string>(null, "SELECT tokens FROM web_sessions", Ct);
        var storedHash = await connection.ScalarAsync<string>(null, "SELECT id_hash FROM web_sessions", Ct);
        var plain = Encoding.Latin1.GetString(Convert.FromBase64String(stored!));

        Assert.Matches("^[A-Za-z0-9_-]{43}$", id);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id))), storedHash);
        Assert.NotEqual(id, storedHash);
        Assert.DoesNotMatch(TokenShape(), plain);
        Assert.DoesNotContain(WebGardenServer.Password, plain, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh", plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_lasts_thirty_days_after_its_last_use_and_slides_while_used()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var site = await WebGardenServer.StartAsync(days: 0, time: time);
        using var browser = site.Browser();
        using var signedIn = await WebGardenServer.SignInAsync(browser);

        time.Advance(TimeSpan.FromDays(20));
        using var used = await browser.GetAsync("/", Ct);
        time.Advance(TimeSpan.FromDays(20));
        using var usedAgain = await browser.GetAsync("/", Ct);
        time.Advance(TimeSpan.FromDays(31));
        using var idle = await browser.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        Assert.Contains(used.Headers.GetValues("Set-Cookie"), c => c.StartsWith(WebGardenServer.SessionCookie + "=", StringComparison.Ordinal) && c.Contains("max-age=2592000", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, usedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.Equal("/sign-in", idle.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("passwd")]
    [InlineData("revoke")]
    public async Task Changing_the_password_or_revoking_the_tokens_ends_the_web_sessions_at_once(string command)
    {
        await using var site = await WebGardenServer.StartAsync(days: 0);
        using var browser = site.Browser();
        using var signedIn = await WebGardenServer.SignInAsync(browser);
        using var before = await browser.GetAsync("/", Ct);
        var admin = new AccountAdmin(site.OpenDatabase(), site.Time);

        if (command == "passwd")
        {
            await admin.SetPasswordAsync(WebGardenServer.Owner, "a-new-garden-password", Ct);
        }
        else
        {
            await admin.RevokeTokensAsync(WebGardenServer.Owner, Ct);
        }

        using var after = await browser.GetAsync("/", Ct);
        await using var connection = await site.OpenDatabase().OpenAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal(0, await connection.ScalarAsync<long>(null, "SELECT COUNT(*) FROM web_sessions", Ct));
    }

    [Fact]
    public async Task Signing_out_revokes_the_sessions_tokens_through_the_api_and_ends_the_session()
    {
        var logs = new CapturingLoggerFactory();
        await using var site = await WebGardenServer.StartAsync(days: 0, loggers: logs);
        using var browser = site.Browser();
        using var signedIn = await WebGardenServer.SignInAsync(browser);
        var form = WebGardenServer.FormToken(await browser.GetStringAsync("/", Ct));

        using var signedOut = await browser.PostAsync("/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["form-token"] = form }), Ct);
        using var after = await browser.GetAsync("/", Ct);
        await using var connection = await site.OpenDatabase().OpenAsync(Ct);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains(logs.Lines, l => l.EventId.Id == FlowerPower.Cloud.Wire.CloudEvents.SessionRevoked.Id);
        Assert.Equal(0, await connection.ScalarAsync<long>(null, "SELECT COUNT(*) FROM tokens WHERE client_id = 'flowerpower-web' AND kind = 'refresh'", Ct));
        Assert.Equal(0, await connection.ScalarAsync<long>(null, "SELECT COUNT(*) FROM web_sessions", Ct));
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_the_cookies_are_secure_host_cookies_and_answers_carry_hsts()
    {
        await using var site = await WebGardenServer.StartAsync(days: 0, new ServerOptions { Urls = "http://127.0.0.1:0", ForwardedHeaders = true });
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = site.Address };

        using var formPage = await SendAsync(http, HttpMethod.Get, "/sign-in", proto: "https");
        var formCookie = formPage.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-flowerpower-form=", StringComparison.Ordinal));
        var token = WebGardenServer.FormToken(await formPage.Content.ReadAsStringAsync(Ct));
        var fields = new Dictionary<string, string> { ["form-token"] = token, ["email"] = WebGardenServer.Owner, ["password"] = WebGardenServer.Password };

        // A request the proxy did not mark as HTTPS gets no session: a Secure cookie would never come back over it.
        using var clearText = await SendAsync(http, HttpMethod.Post, "/sign-in", cookie: formCookie.Split(';')[0], form: fields);
        using var signedIn = await SendAsync(http, HttpMethod.Post, "/sign-in", proto: "https", cookie: formCookie.Split(';')[0], form: fields);
        var sessionCookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-flowerpower-session=", StringComparison.Ordinal));

        Assert.Equal(StrictTransport.Header, formPage.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Contains("; secure", formCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", formCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("; secure", sessionCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", sessionCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", sessionCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Forbidden, clearText.StatusCode);
        Assert.False(clearText.Headers.Contains("Set-Cookie"));
        Assert.Contains("--forwarded-headers", await clearText.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proxy_on_this_machine_without_forwarded_headers_gets_no_clear_text_session_but_one_line_saying_why()
    {
        await using var site = await WebGardenServer.StartAsync(days: 0);
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = site.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sign-in");
        request.Headers.Host = "flowers.example.com";

        using var proxied = await http.SendAsync(request, Ct);
        using var local = await http.GetAsync("/sign-in", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, proxied.StatusCode);
        Assert.False(proxied.Headers.Contains("Set-Cookie"));
        Assert.Contains("--forwarded-headers", await proxied.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    [Fact]
    public async Task The_browser_asking_for_a_favicon_gets_a_plain_404_not_the_apis_401()
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        using var http = new HttpClient { BaseAddress = session.Server.BaseAddress };

        using var icon = await http.GetAsync("favicon.ico", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, icon.StatusCode);
        Assert.Empty(await icon.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5090", false, false)]
    [InlineData("http://localhost:5090;http://[::1]:5090", false, false)]
    [InlineData("http://127.0.0.1:5090", true, true)]
    [InlineData("http://0.0.0.0:5090", false, true)]
    [InlineData("https://flowers.example.com:443", false, true)]
    [InlineData("http://127.0.0.1:5090;https://*:443", false, true)]
    public void Cookies_are_secure_unless_every_address_is_plain_http_on_loopback(string urls, bool forwardedHeaders, bool secure) =>
        Assert.Equal(secure, WebGarden.NeedsSecureCookies(urls.Split(';'), forwardedHeaders));

    [Fact]
    public void A_session_keeps_one_client_across_pages_and_an_idle_one_makes_room()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var clients = new SessionClients(time);
        var made = 0;
        FlowerPowerClient Make()
        {
            made++;
            return new FlowerPowerClient(new FlowerPowerClientOptions { BaseAddress = new Uri("http://127.0.0.1:9/"), ClientId = "c", ClientSecret = "s", Username = "u", Password = "p" });
        }

        var (first, firstOwned) = clients.Get("session-a", Make);
        var (again, againOwned) = clients.Get("session-a", Make);
        for (var i = 1; i < SessionClients.Capacity; i++)
        {
            clients.Get("filler-" + i, Make);
        }

        var (overflow, overflowOwned) = clients.Get("one-too-many", Make);
        overflow.Dispose();
        time.Advance(SessionClients.IdleTime + TimeSpan.FromMinutes(1));
        var (room, roomOwned) = clients.Get("after-idle", Make);

        Assert.Same(first, again);
        Assert.False(firstOwned || againOwned || roomOwned);
        Assert.True(overflowOwned);
        Assert.Equal(SessionClients.Capacity + 2, made);
        Assert.NotSame(first, room);
    }

    private static async Task<string?> StoredTokensAsync(WebGardenServer site)
    {
        await using var connection = await site.OpenDatabase().OpenAsync(Ct);
        return await connection.ScalarAsync<string>(null, "SELECT tokens FROM web_sessions", Ct);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? proto = null, string? cookie = null, Dictionary<string, string>? form = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (proto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", proto);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        return await http.SendAsync(request, Ct);
    }

    [GeneratedRegex("[A-Za-z0-9]{48}")]
    private static partial Regex TokenShape();
}
