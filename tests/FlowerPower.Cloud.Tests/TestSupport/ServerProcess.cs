using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>
/// The server as a process of its own (the program the build puts beside the tests), on a free loopback port: for
/// what only processes show, such as one killed in the middle of a request. Killed when disposed.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <param name="databaseArguments">The options that name the database.</param>
    /// <param name="cancellationToken">Stops the wait for the server to listen.</param>
    /// <param name="environment">Variables the process gets on top of this one's (only it: the tests' own environment is left alone).</param>
    public static async Task<ServerProcess> StartAsync(IEnumerable<string> databaseArguments, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "FlowerPower.Cloud.Server.exe" : "FlowerPower.Cloud.Server"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var argument in new[] { "serve", "--urls", "http://127.0.0.1:0", "--log-format", "text" }.Concat(databaseArguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(60), cancellationToken) is { } line)
            {
                if (Listening().Match(line) is { Success: true } match)
                {
                    _ = DrainAsync(process);
                    return new ServerProcess(process, new Uri(match.Groups[1].Value));
                }
            }
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }

        process.Dispose();
        throw new InvalidOperationException("the server process ended before it listened");
    }

    /// <summary>Ends the process at once, as a crash or <c>kill -9</c> would.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private static async Task DrainAsync(Process process)
    {
        while (await process.StandardOutput.ReadLineAsync() is not null)
        {
        }
    }

    [GeneratedRegex("listening on (http://\\S+)")]
    private static partial Regex Listening();
}
