using System.Diagnostics;
using System.Text.Json;

namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>
/// Parrot's own Node client (<c>flower-power-api@2.0.1</c> from npm, unchanged), run through
/// <c>tests/interop/node/interop.js</c>. <c>.ci/run</c> installs it with <c>npm ci</c>; on a developer's machine
/// without it (or without Node) the tests that need it are skipped, in CI they fail.
/// </summary>
internal static class ParrotNodeClient
{
    public static string Folder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "FlowerPower.Cloud.sln")))
                {
                    return Path.Combine(dir.FullName, "tests", "interop", "node");
                }
            }

            throw new InvalidOperationException("the repository root was not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Logs in, reads profile, configuration, garden and versions, and sends <paramref name="upload"/> when given.</summary>
    public static async Task<JsonElement> RunAsync(
        Uri baseAddress, string username, string password, string clientId, string clientSecret, string? upload, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "flower-power-api")))
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "tests/interop/node/node_modules is missing: .ci/run runs npm ci there");
            Assert.Skip("Parrot's Node client is not installed: run 'npm ci' in tests/interop/node");
        }

        string? uploadFile = null;
        if (upload is not null)
        {
            uploadFile = Path.GetTempFileName();
            await File.WriteAllTextAsync(uploadFile, upload, cancellationToken);
        }

        try
        {
            var start = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "interop.js", baseAddress.ToString(), username, password, clientId, clientSecret })
            {
                start.ArgumentList.Add(argument);
            }

            if (uploadFile is not null)
            {
                start.ArgumentList.Add(uploadFile);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            Assert.True(process.ExitCode == 0, $"node exited {process.ExitCode}: {await error}");
            return JsonDocument.Parse(await output).RootElement.Clone();
        }
        finally
        {
            if (uploadFile is not null)
            {
                File.Delete(uploadFile);
            }
        }
    }
}
