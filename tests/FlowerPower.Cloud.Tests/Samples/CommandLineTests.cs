using System.Net;
using System.Net.Sockets;
using FlowerPower.Cloud.Emulator.Tool.CommandLine;
using FlowerPower.Cloud.Samples;

namespace FlowerPower.Cloud.Tests.Samples;

/// <summary>Both programs answer --help, and a bad argument with one clear line on stderr and exit code 2.</summary>
public sealed class CommandLineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task The_emulator_answers_help(string flag)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await EmulatorCommandLine.RunAsync([flag], output, error, Ct);

        Assert.Equal(0, exit);
        Assert.Contains("--token-lifetime", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(error.ToString());
    }

    [Theory]
    [InlineData("--seed abc", "--seed must be a whole number, not 'abc'")]
    [InlineData("--seed", "--seed needs a value")]
    [InlineData("--urls not-a-url", "--urls must be http:// or https:// addresses")]
    [InlineData("--urls ftp://127.0.0.1:21", "--urls must be http:// or https:// addresses")]
    [InlineData("--token-lifetime -5", "--token-lifetime must be a number of seconds")]
    [InlineData("--token-lifetime NaN", "--token-lifetime must be a number of seconds")]
    [InlineData("--colour blue", "unknown argument '--colour'")]
    public async Task The_emulator_refuses_a_bad_argument_in_one_line_with_exit_code_2(string args, string expected)
    {
        var error = new StringWriter();

        var exit = await EmulatorCommandLine.RunAsync(args.Split(' '), TextWriter.Null, error, Ct);

        Assert.Equal(2, exit);
        AssertOneLine(error.ToString(), expected);
    }

    [Fact]
    public async Task The_emulator_refuses_a_port_in_use_in_one_line_with_exit_code_2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var error = new StringWriter();

        var exit = await EmulatorCommandLine.RunAsync(["--urls", $"http://127.0.0.1:{port}"], TextWriter.Null, error, Ct);

        Assert.Equal(2, exit);
        AssertOneLine(error.ToString(), $"cannot listen on http://127.0.0.1:{port}");
    }

    [Fact]
    public async Task The_emulator_runs_until_stopped_and_prints_the_demo_account()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var output = new SignallingWriter("Press Ctrl+C");

        var run = EmulatorCommandLine.RunAsync(["--urls", "http://127.0.0.1:0", "--seed", "7"], output, TextWriter.Null, stop.Token);
        await output.Seen.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await stop.CancelAsync();

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Contains("listening on http://127.0.0.1:", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task The_sample_answers_help_without_running(string flag)
    {
        var output = new StringWriter();

        var exit = await SampleApp.RunAsync([flag], output, TextWriter.Null, _ => null, Ct);

        Assert.Equal(0, exit);
        Assert.Contains("FLOWERPOWER_BASE_ADDRESS", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--days", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--csv", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("emulator at", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--days abc", "--days must be a number of days from 1 to 3650, not 'abc'")]
    [InlineData("--days 2.5", "--days must be a number of days from 1 to 3650, not '2.5'")]
    [InlineData("--csv /", "--csv / is a folder: give the file to write")]
    [InlineData("--csv /proc/flowerpower/garden.csv", "--csv /proc/flowerpower/garden.csv: cannot create the folder /proc/flowerpower")]
    [InlineData("--out /proc/flowerpower", "--out: cannot create the folder /proc/flowerpower")]
    [InlineData("--out /proc/version", "--out /proc/version is a file, not a folder")]
    [InlineData("--days 0", "--days must be a number of days from 1 to 3650")]
    [InlineData("--out", "--out")]
    [InlineData("extra", "Unrecognized command or argument 'extra'")]
    public async Task The_sample_refuses_a_bad_argument_in_one_line_with_exit_code_2(string args, string expected)
    {
        var error = new StringWriter();

        var output = new StringWriter();

        var exit = await SampleApp.RunAsync(args.Split(' '), output, error, _ => null, Ct);

        Assert.Equal(2, exit);
        AssertOneLine(error.ToString(), expected);
        Assert.DoesNotContain("System.", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("emulator at", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sample_refuses_an_export_folder_from_the_environment_that_is_a_file_before_any_work()
    {
        var file = Path.GetTempFileName();
        var error = new StringWriter();
        var output = new StringWriter();

        var exit = await SampleApp.RunAsync([], output, error, name => name == "FLOWERPOWER_EXPORT_DIR" ? file : null, Ct);

        File.Delete(file);
        Assert.Equal(2, exit);
        AssertOneLine(error.ToString(), $"FLOWERPOWER_EXPORT_DIR {file} is a file, not a folder");
        Assert.Empty(output.ToString());
    }

    [Theory]
    [InlineData("not a url", "FLOWERPOWER_BASE_ADDRESS must be an http:// or https:// address")]
    [InlineData("ftp://example.com/", "FLOWERPOWER_BASE_ADDRESS must be an http:// or https:// address")]
    [InlineData("http://plain.example.com/", "BaseAddress must use https")]
    public async Task The_sample_refuses_a_base_address_it_cannot_use_in_one_line_with_exit_code_2(string address, string expected)
    {
        var environment = new Dictionary<string, string?>
        {
            ["FLOWERPOWER_CLIENT_ID"] = "id",
            ["FLOWERPOWER_CLIENT_SECRET"] = "secret-value",
            ["FLOWERPOWER_USERNAME"] = "user@example.invalid",
            ["FLOWERPOWER_PASSWORD"] = "password-value",
            ["FLOWERPOWER_BASE_ADDRESS"] = address,
        };
        var error = new StringWriter();

        var exit = await SampleApp.RunAsync([], TextWriter.Null, error, name => environment.GetValueOrDefault(name), Ct);

        Assert.Equal(2, exit);
        AssertOneLine(error.ToString(), expected);
        Assert.DoesNotContain("password-value", error.ToString(), StringComparison.Ordinal);
    }

    private static void AssertOneLine(string text, string expected)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Single(lines);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    private sealed class SignallingWriter(string marker) : StringWriter
    {
        private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Seen => _seen.Task;

        public override Task WriteLineAsync(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(marker, StringComparison.Ordinal) == true)
            {
                _seen.TrySetResult();
            }

            return Task.CompletedTask;
        }
    }
}
