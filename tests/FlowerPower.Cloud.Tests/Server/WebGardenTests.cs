using System.Globalization;
using System.Net;
using FlowerPower.Cloud.Server.Hosting;
using FlowerPower.Cloud.Tests.TestSupport;
using Microsoft.Playwright;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// The web garden the server serves at its root: an owner signs in with email and password, sees every plant, opens
/// one over a chosen span, downloads it as CSV and signs out, in Chromium; and the forms, cookies and headers hold
/// against another site, a wrong password and a flood.
/// </summary>
public sealed class WebGardenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_owner_signs_in_sees_every_plant_opens_one_over_each_span_downloads_it_and_signs_out_in_a_real_browser()
    {
        await using var site = await WebGardenServer.StartAsync(days: 365);
        await using var chromium = await Chromium.LaunchAsync();
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();

        // Anyone not signed in is sent to the form.
        await page.GotoAsync(site.Address.ToString());
        Assert.EndsWith("/sign-in", page.Url, StringComparison.Ordinal);
        await page.FillAsync("input[name=email]", WebGardenServer.Owner);
        await page.FillAsync("input[name=password]", WebGardenServer.Password);
        await page.ClickAsync("button[type=submit]");
        // Waits on what the next page shows, not on navigation events, which a fast page can fire before the wait.
        await page.Locator("h1", new PageLocatorOptions { HasTextString = "My garden" }).WaitForAsync();
        Assert.Equal(site.Address.ToString(), page.Url);

        var monstera = page.Locator("section.plant", new PageLocatorOptions { HasText = "Monstera" });
        Assert.Equal(3, await page.Locator("section.plant").CountAsync());
        Assert.Contains("No sensor", await page.Locator("section.plant", new PageLocatorOptions { HasText = "Fern" }).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("No data yet", await page.Locator("section.plant", new PageLocatorOptions { HasText = "Lemon tree" }).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Soil moisture:", await monstera.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await monstera.Locator("svg.sparkline polyline.moisture").CountAsync());
        await ScreenshotsAsync(page, "web-garden");

        await monstera.Locator("h2 a").ClickAsync();
        await page.Locator("svg.light-chart").WaitForAsync();
        Assert.EndsWith($"/plants/{site.MonsteraLocation}", page.Url, StringComparison.Ordinal);
        foreach (var measure in new[] { "light", "moisture", "fertilizer", "temperature" })
        {
            Assert.Equal(1, await page.Locator($"svg.{measure}-chart").CountAsync());
        }

        Assert.Contains("History index", await page.InnerTextAsync("p.sensor"), StringComparison.Ordinal);
        foreach (var span in new[] { "Day", "Month", "Year", "All" })
        {
            await page.Locator("nav.spans a", new PageLocatorOptions { HasTextString = span }).ClickAsync();
            await page.Locator("nav.spans a.current", new PageLocatorOptions { HasTextString = span }).WaitForAsync();
            Assert.EndsWith($"span={span.ToLowerInvariant()}", page.Url, StringComparison.Ordinal);
            var points = int.Parse(await page.Locator("svg.moisture-chart").GetAttributeAsync("data-points") ?? "0", CultureInfo.InvariantCulture);
            Assert.InRange(points, 1, 400);
            Assert.Equal(span, await page.Locator("nav.spans a.current").InnerTextAsync());
        }

        await ScreenshotsAsync(page, "web-plant");

        // The whole span as CSV, every imported sample once with its readings (the whole year is within "all").
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a.download"));
        var csv = await File.ReadAllLinesAsync(await download.PathAsync(), Ct);
        Assert.Equal("location_identifier,plant_nickname,capture_datetime_utc,light_mol_m2_day,fertilizer_level_ms_cm,air_temperature_celsius,soil_moisture_percent,calibrated_soil_moisture_percent,battery_percent", csv[0]);
        var expected = site.Imported.Select(r => string.Join(',',
            site.MonsteraLocation, "Monstera", r.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            WebGardenServer.Invariant(r.Light), "1.25", WebGardenServer.Invariant(r.Temperature), WebGardenServer.Invariant(r.Moisture), string.Empty, string.Empty));
        Assert.Equal(expected, csv.Skip(1));

        // A page of another site posts a sign-out form to the garden: the browser sends it, the garden refuses it.
        var elsewhere = await context.NewPageAsync();
        await elsewhere.SetContentAsync($"<form method=\"post\" action=\"{new Uri(site.Address, "sign-out")}\"><button>win a prize</button></form>");
        var forged = await elsewhere.RunAndWaitForResponseAsync(() => elsewhere.ClickAsync("button"), r => r.Url.EndsWith("/sign-out", StringComparison.Ordinal));
        Assert.Equal(400, forged.Status);
        await page.GotoAsync(site.Address.ToString());
        Assert.Equal(3, await page.Locator("section.plant").CountAsync());

        // Signed out, the garden is refused, and so is a copy of the cookie taken before.
        var before = await context.CookiesAsync();
        await page.ClickAsync("header button[type=submit]");
        await page.Locator("form.sign-in").WaitForAsync();
        await page.GotoAsync(site.Address.ToString());
        Assert.EndsWith("/sign-in", page.Url, StringComparison.Ordinal);
        var replay = await chromium.Browser.NewContextAsync();
        await replay.AddCookiesAsync(before.Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
        var replayed = await replay.NewPageAsync();
        await replayed.GotoAsync(site.Address.ToString());
        Assert.EndsWith("/sign-in", replayed.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_garden_whose_sensor_stopped_says_how_old_its_readings_are_and_an_empty_day_points_to_the_last_one()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var site = await WebGardenServer.StartAsync(days: 14, time: time);
        time.Advance(TimeSpan.FromDays(5));
        await using var chromium = await Chromium.LaunchAsync();
        var page = await SignedInGardenAsync(chromium, site);

        var monstera = page.Locator("section.plant", new PageLocatorOptions { HasText = "Monstera" });
        Assert.Contains("5 days ago", await monstera.Locator("p.age.stale").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await monstera.Locator(".alert:not(.stale)").CountAsync());
        Assert.Contains("7 days to", await monstera.Locator(".legend").InnerTextAsync(), StringComparison.Ordinal);
        var last = (await monstera.Locator("svg.sparkline polyline.moisture").GetAttributeAsync("points"))!.Trim().Split(' ')[^1];
        Assert.True(double.Parse(last.Split(',')[0], CultureInfo.InvariantCulture) > 280, "the sparkline ends at the last reading, not five days of empty line later");
        await ScreenshotsAsync(page, "web-garden-stale");

        await page.GotoAsync(new Uri(site.Address, $"plants/{site.MonsteraLocation}?span=day").ToString());
        var empty = await page.Locator("p.empty").InnerTextAsync();
        Assert.Contains("No readings in the last day", empty, StringComparison.Ordinal);
        Assert.Contains("5 days ago", empty, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("svg").CountAsync());
        Assert.Contains("Last reading", await page.InnerTextAsync("p.sensor"), StringComparison.Ordinal);
        await ScreenshotsAsync(page, "web-plant-empty-day");
        await page.Locator("p.empty a").ClickAsync();
        await page.Locator("svg.moisture-chart").WaitForAsync();
        Assert.EndsWith("span=week", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plant_with_one_reading_draws_it_as_a_dot_on_its_card_and_on_every_chart()
    {
        await using var site = await WebGardenServer.StartAsync(days: 2, oneReading: true);
        await using var chromium = await Chromium.LaunchAsync();
        var page = await SignedInGardenAsync(chromium, site);

        var lemon = page.Locator("section.plant", new PageLocatorOptions { HasText = "Lemon tree" });
        Assert.Equal(2, await lemon.Locator("svg.sparkline circle.dot").CountAsync());
        Assert.Contains("Last reading", await lemon.InnerTextAsync(), StringComparison.Ordinal);
        await lemon.Locator("a").First.ClickAsync();
        await page.Locator("svg.moisture-chart").WaitForAsync();
        await ScreenshotsAsync(page, "web-plant-one-reading");

        foreach (var chart in new[] { "light", "moisture", "fertilizer", "temperature" })
        {
            Assert.Equal(1, await page.Locator($"svg.{chart}-chart circle.dot").CountAsync());
        }

        Assert.Equal(0, await page.Locator("p.empty").CountAsync());

        // Hours ago in a week: the dot stands at the right end, where the reading was taken, not mid-week.
        var width = double.Parse((await page.Locator("svg.moisture-chart").GetAttributeAsync("viewBox"))!.Split(' ')[2], CultureInfo.InvariantCulture);
        var x = double.Parse((await page.Locator("svg.moisture-chart circle.dot").GetAttributeAsync("cx"))!, CultureInfo.InvariantCulture);
        Assert.True(x > width * 0.9, $"the lone reading is drawn at x = {x} of {width}");
    }

    [Fact]
    public async Task A_wrong_password_shows_one_line_and_keeps_nothing()
    {
        await using var site = await WebGardenServer.StartAsync(days: 0);
        await using var chromium = await Chromium.LaunchAsync();
        var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(site.Address, "sign-in").ToString());
        await page.FillAsync("input[name=email]", WebGardenServer.Owner);
        await page.FillAsync("input[name=password]", "not-the-password");
        var answer = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"), r => r.Url.EndsWith("/sign-in", StringComparison.Ordinal) && r.Request.Method == "POST");
        await page.Locator("[role=alert]").WaitForAsync();

        Assert.Equal(401, answer.Status);
        Assert.Equal("The email or the password is wrong.", (await page.Locator("[role=alert]").AllInnerTextsAsync()).Single());
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == WebGardenServer.SessionCookie);
        Assert.Equal(WebGardenServer.Owner, await page.InputValueAsync("input[name=email]"));
        Assert.Equal(string.Empty, await page.InputValueAsync("input[name=password]"));
    }

    [Fact]
    public async Task A_form_posted_from_another_site_is_refused_and_signs_nobody_in_or_out()
    {
        await using var site = await WebGardenServer.StartAsync(days: 0);
        using var attacker = site.Browser();
        using var owner = site.Browser();
        var signedIn = await WebGardenServer.SignInAsync(owner);

        // Another site can make the browser post, but it cannot read the form's token.
        using var signIn = await attacker.PostAsync("/sign-in", Form(("email", WebGardenServer.Owner), ("password", WebGardenServer.Password)), Ct);
        using var foreignToken = await attacker.PostAsync(
            "/sign-in", Form(("form-token", WebGardenServer.FormToken(await owner.GetStringAsync("/", Ct))), ("email", WebGardenServer.Owner), ("password", WebGardenServer.Password)), Ct);
        using var signOut = await owner.PostAsync("/sign-out", Form(), Ct);
        using var notAForm = await owner.PostAsync("/sign-out", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), Ct);
        using var garden = await owner.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, foreignToken.StatusCode);
        Assert.False(signIn.Headers.Contains("Set-Cookie") && signIn.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(WebGardenServer.SessionCookie, StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notAForm.StatusCode);
        Assert.Equal(HttpStatusCode.OK, garden.StatusCode);
    }

    [Fact]
    public async Task Pages_allow_no_script_and_the_cookies_are_out_of_reach_of_scripts_and_other_sites()
    {
        await using var site = await WebGardenServer.StartAsync(days: 0);
        using var browser = site.Browser();

        using var form = await browser.GetAsync("/sign-in", Ct);
        using var signedIn = await WebGardenServer.SignInAsync(browser);
        using var garden = await browser.GetAsync("/", Ct);

        var policy = garden.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", await garden.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", await garden.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var formCookie = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("flowerpower-form=", StringComparison.Ordinal));
        Assert.Contains("httponly", formCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", formCookie, StringComparison.OrdinalIgnoreCase);
        var sessionCookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(WebGardenServer.SessionCookie + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", sessionCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", sessionCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", sessionCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_sign_in_form_is_limited_per_address_like_the_token_endpoint()
    {
        await using var site = await WebGardenServer.StartAsync(days: 0, new ServerOptions { Urls = "http://127.0.0.1:0", Allowances = new() { SignInBurstPerAddress = 2, SignInsPerMinutePerAddress = 1 } });
        using var browser = site.Browser();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var answer = await WebGardenServer.SignInAsync(browser, "wrong-password-" + i);
            answers.Add(answer.StatusCode);
            if (answer.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(answer.Headers.RetryAfter?.Delta > TimeSpan.Zero);
                Assert.Contains("Too many sign-in attempts", await answer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task Two_instances_over_one_database_read_each_others_cookies()
    {
        await using var site = await WebGardenServer.StartAsync(days: 0);
        var other = await site.AddServerAsync();
        var cookies = new CookieContainer();
        using var first = site.Browser(cookies: cookies);
        using var signedIn = await WebGardenServer.SignInAsync(first);
        foreach (System.Net.Cookie cookie in cookies.GetAllCookies())
        {
            cookies.Add(other.BaseAddress, new System.Net.Cookie(cookie.Name, cookie.Value, cookie.Path));
        }

        using var second = site.Browser(other, cookies);
        using var garden = await second.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.OK, garden.StatusCode);
        Assert.Contains("Monstera", await garden.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_web_the_root_is_the_wires_and_needs_a_bearer_token()
    {
        await using var site = await WebGardenServer.StartAsync(days: 0, new ServerOptions { Urls = "http://127.0.0.1:0", Web = false });
        using var browser = site.Browser();

        using var root = await browser.GetAsync("/", Ct);
        using var signIn = await browser.GetAsync("/sign-in", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, root.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
    }

    [Fact]
    public async Task A_plant_of_nobody_a_span_of_nonsense_a_huge_form_and_garbled_cookies_are_answered_not_failed()
    {
        await using var site = await WebGardenServer.StartAsync(days: 2);
        using var browser = site.Browser();
        using var signedIn = await WebGardenServer.SignInAsync(browser);

        using var unknown = await browser.GetAsync("/plants/no-such-plant", Ct);
        using var nonsense = await browser.GetAsync($"/plants/{site.MonsteraLocation}?span=%00%27", Ct);
        using var csv = await browser.GetAsync($"/plants/{site.MonsteraLocation}/samples.csv?span=day", Ct);
        using var huge = await browser.PostAsync("/sign-in", Form(("email", new string('a', 100_000)), ("password", "x")), Ct);
        using var stranger = site.Browser();
        var token = WebGardenServer.FormToken(await stranger.GetStringAsync("/sign-in", Ct));
        using var controlCharacters = await stranger.PostAsync("/sign-in", Form(("form-token", token), ("email", "own\u0001er@example.invalid"), ("password", "pass\u0000word")), Ct);
        using var garbled = site.Browser();
        garbled.DefaultRequestHeaders.Add("Cookie", WebGardenServer.SessionCookie + "=CfDJ8-not-a-session; flowerpower-form=%00%FF");
        using var withGarbage = await garbled.GetAsync("/", Ct);
        using var formWithGarbage = await garbled.GetAsync("/sign-in", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, controlCharacters.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, withGarbage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, formWithGarbage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, nonsense.StatusCode);
        Assert.Contains("aria-current=\"page\">Week", await nonsense.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lastDay = site.Imported.Count(r => r.At > DateTimeOffset.UtcNow.AddDays(-1));
        Assert.InRange((await csv.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1, lastDay - 1, lastDay);
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    /// <summary>A desktop-sized page signed in through the form, on the garden.</summary>
    private static async Task<IPage> SignedInGardenAsync(Chromium chromium, WebGardenServer site)
    {
        var page = await (await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } })).NewPageAsync();
        await page.GotoAsync(new Uri(site.Address, "sign-in").ToString());
        await page.FillAsync("input[name=email]", WebGardenServer.Owner);
        await page.FillAsync("input[name=password]", WebGardenServer.Password);
        await page.ClickAsync("button[type=submit]");
        await page.Locator("h1", new PageLocatorOptions { HasTextString = "My garden" }).WaitForAsync();
        return page;
    }

    private static async Task ScreenshotsAsync(IPage page, string name)
    {
        foreach (var (width, height, label) in new[] { (390, 844, "phone"), (1280, 900, "desktop") })
        {
            await page.SetViewportSizeAsync(width, height);
            var path = Chromium.ScreenshotPath($"{name}-{label}");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            Assert.True(new FileInfo(path).Length > 5_000);
        }
    }
}
