using Microsoft.Playwright;

namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser is downloaded); FLOWERPOWER_CHROMIUM names another
/// Chromium-based browser (a CI image's Chrome). Missing, it skips the test, and fails it under CI=true.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        var path = Environment.GetEnvironmentVariable("FLOWERPOWER_CHROMIUM") is { Length: > 0 } named ? named : "/usr/bin/chromium";
        if (!File.Exists(path))
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"Chromium is missing at {path}: .ci/run installs Debian's chromium");
            Assert.Skip($"no Chromium at {path}: apt-get install chromium, or set FLOWERPOWER_CHROMIUM");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        return new Chromium(playwright, browser);
    }

    /// <summary>Where a test's screenshots go: <c>screenshots/</c> beside the test assembly.</summary>
    public static string ScreenshotPath(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
