using System.Diagnostics;
using System.Text.RegularExpressions;
using FlowerPower.Cloud.Emulator.Tool.CommandLine;

namespace FlowerPower.Cloud.Tests.Samples;

/// <summary>
/// docs/wire.md's curl session runs as written against the emulator tool (its command line, in-process, on a free
/// port): every call it says works, works, and every refusal it shows comes with the code it names.
/// </summary>
public sealed partial class WireDocumentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_curl_session_of_the_wire_page_runs_against_the_emulator_tool()
    {
        if (!File.Exists("/usr/bin/curl") && !File.Exists("/bin/curl"))
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "curl is missing: .ci/run installs it");
            Assert.Skip("no curl on this machine");
        }

        var session = SessionBlock().Match(await File.ReadAllTextAsync(Path.Combine(ReadmeSnippetTests.RepositoryRoot(), "docs", "wire.md"), Ct));
        Assert.True(session.Success, "docs/wire.md has no curl session");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var output = new AddressWriter();
        var tool = EmulatorCommandLine.RunAsync(["--urls", "http://127.0.0.1:0"], output, TextWriter.Null, stop.Token);
        var address = await output.Address.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var script = session.Groups[1].Value.Replace("base=http://127.0.0.1:5080", $"base={address.TrimEnd('/')}", StringComparison.Ordinal);

        var (exit, text) = await BashAsync(script);
        await stop.CancelAsync();
        await tool.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.True(exit == 0, text);
        Assert.Contains("\"garden_status_version\"", text, StringComparison.Ordinal);
        Assert.Contains("\"user_profile\":{\"email\":\"demo@flowerpower.local\"", text, StringComparison.Ordinal);
        Assert.Matches(@"first location: \w+", text);
        Assert.Contains("status: read", text, StringComparison.Ordinal);
        Assert.Matches("\"samples\":\\[\\{\"capture_datetime_utc\"", text);
        Assert.Matches("\"error_code\":9048.* HTTP 400", text);
        Assert.Matches("\"error_code\":8008.* HTTP 401", text);
        Assert.Contains("{\"error\":\"invalid_grant\"} HTTP 400", text, StringComparison.Ordinal);
        Assert.Contains("refreshed", text, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> BashAsync(string script)
    {
        var start = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex("## A session with curl\\n.*?```bash\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex SessionBlock();

    /// <summary>Catches the tool's "listening on ADDRESS" line.</summary>
    private sealed partial class AddressWriter : StringWriter
    {
        private readonly TaskCompletionSource<string> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> Address => _address.Task;

        public override Task WriteLineAsync(string? value)
        {
            base.WriteLine(value);
            if (value is not null && Listening().Match(value) is { Success: true } match)
            {
                _address.TrySetResult(match.Groups[1].Value);
            }

            return Task.CompletedTask;
        }

        [GeneratedRegex("listening on (http://\\S+)")]
        private static partial Regex Listening();
    }
}
