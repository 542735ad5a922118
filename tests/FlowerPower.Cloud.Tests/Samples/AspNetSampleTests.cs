using System.Net;
using System.Text.Json;
using FlowerPower.Cloud.Samples.AspNet;
using FlowerPower.Cloud.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FlowerPower.Cloud.Tests.Samples;

/// <summary>
/// The ASP.NET sample, booted as a user boots it in Development (the emulator in-process), answered through the SDK,
/// and its garden page opened in a real browser: Debian's Chromium driven by Playwright, no browser download.
/// </summary>
public sealed class AspNetSampleTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private Uri _address = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = await GardenApp.BuildAsync(["--environment", "Development", "--urls", "http://127.0.0.1:0", "--Telemetry:Console", "false"]);
        await _app.StartAsync(Ct);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _address = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_json_endpoints_and_the_health_check_answer_through_the_sdk()
    {
        using var http = new HttpClient { BaseAddress = _address };

        var garden = JsonDocument.Parse(await http.GetStringAsync("api/garden", Ct)).RootElement;
        var alerts = JsonDocument.Parse(await http.GetStringAsync("api/alerts", Ct)).RootElement;
        using var health = await http.GetAsync("health", Ct);

        Assert.Equal(5, garden.GetArrayLength());
        Assert.Contains(garden.EnumerateArray(), p => p.GetProperty("nickname").GetString() == "Basil (kitchen window)");
        Assert.Contains(alerts.EnumerateArray(), a => a.GetProperty("message").GetString()!.StartsWith("Water now", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_garden_page_shows_every_plant_the_thirsty_basils_alert_and_a_chart_in_a_real_browser()
    {
        await using var chromium = await Chromium.LaunchAsync();
        var browser = chromium.Browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1600 } });

        var response = await page.GotoAsync(_address.ToString());
        var text = await page.InnerTextAsync("body");
        var basil = page.Locator("section.plant", new PageLocatorOptions { HasText = "Basil (kitchen window)" });
        var screenshot = Chromium.ScreenshotPath("garden-page");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });

        Assert.Equal(200, response!.Status);
        foreach (var nickname in new[] { "Monstera (living room)", "Basil (kitchen window)", "Fern (hallway)", "Tomatoes (balcony)", "Lemon tree (sensor removed)" })
        {
            Assert.Contains(nickname, text, StringComparison.Ordinal);
        }

        Assert.Contains("Water now", await basil.Locator(".alert.Critical").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await basil.Locator("svg.chart polyline.moisture").CountAsync());
        Assert.True(await page.Locator("svg.chart").CountAsync() >= 4);
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }
}
