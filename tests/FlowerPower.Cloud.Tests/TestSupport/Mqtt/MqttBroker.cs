using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace FlowerPower.Cloud.Tests.TestSupport.Mqtt;

/// <summary>
/// A private Debian mosquitto for one test: a temporary folder with its configuration and password file, on a free
/// loopback port, anonymous logins refused, nothing persisted (a restart forgets what it retained, as a broker
/// without persistence does). It can be stopped and started again on the same port.
/// </summary>
internal sealed class MqttBroker : IAsyncDisposable
{
    public const string Username = "flowerpower";

    private readonly string _folder = Directory.CreateTempSubdirectory("flowerpower-mosquitto-").FullName;
    private Process? _process;

    private MqttBroker(int port, int? tlsPort)
    {
        Port = port;
        TlsPort = tlsPort;
    }

    /// <summary>The plain listener.</summary>
    public int Port { get; }

    /// <summary>The TLS listener, with a certificate for 127.0.0.1 from a throwaway authority (<see cref="AuthorityPath"/>), when asked for.</summary>
    public int? TlsPort { get; }

    /// <summary>The PEM file of the authority that signed the TLS listener's certificate.</summary>
    public string AuthorityPath => Path.Combine(_folder, "ca.pem");

    public string Password { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public Uri Address => new($"mqtt://127.0.0.1:{Port}");

    /// <summary>Starts a broker; skips the test where mosquitto is not installed (never in CI, which installs it).</summary>
    /// <param name="tls">Whether to add a TLS listener beside the plain one.</param>
    public static async Task<MqttBroker> StartAsync(bool tls = false)
    {
        if (!File.Exists("/usr/sbin/mosquitto") || !File.Exists("/usr/bin/mosquitto_passwd"))
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "mosquitto is not installed: .ci/run installs it");
            Assert.Skip("no mosquitto: apt-get install -y mosquitto mosquitto-clients");
        }

        var broker = new MqttBroker(FreePort(), tls ? FreePort() : null);
        await broker.ConfigureAsync();
        await broker.StartAgainAsync();
        return broker;
    }

    /// <summary>Starts the broker (again, after <see cref="StopAsync"/>) and waits until it takes connections.</summary>
    public async Task StartAgainAsync()
    {
        _process = Process.Start(new ProcessStartInfo("/usr/sbin/mosquitto", ["-c", Path.Combine(_folder, "mosquitto.conf")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var said = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                said.Enqueue(text);
            }
        };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        for (var attempt = 0; attempt < 800; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, TlsPort ?? Port, TestContext.Current.CancellationToken);
                return;
            }
            catch (SocketException) when (!_process.HasExited)
            {
                // mosquitto has no readiness signal to wait on: its port is polled, 20 s at most (a loaded machine).
                await Task.Delay(25, TestContext.Current.CancellationToken);
            }
            catch (SocketException)
            {
                break;
            }
        }

        throw new InvalidOperationException("mosquitto did not start listening" + (_process.HasExited ? $" (it exited with {_process.ExitCode})" : string.Empty) + ": " + string.Join(" | ", said));
    }

    /// <summary>Kills the broker, as a crash would.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task RunAsync(string program, params string[] arguments)
    {
        using var run = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder })!;
        var error = run.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await run.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await run.WaitForExitAsync(TestContext.Current.CancellationToken);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {await error}");
        }
    }

    private async Task ConfigureAsync()
    {
        var passwords = Path.Combine(_folder, "passwd");

        // A test password, generated for this broker alone.
        await RunAsync("/usr/bin/mosquitto_passwd", "-b", "-c", passwords, Username, Password);
        var tls = string.Empty;
        if (TlsPort is { } tlsPort)
        {
            await RunAsync("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=FlowerPower test authority");
            await RunAsync("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "broker.key", "-out", "broker.csr", "-subj", "/CN=127.0.0.1");
            await File.WriteAllTextAsync(Path.Combine(_folder, "san.ext"), "subjectAltName=IP:127.0.0.1\n", TestContext.Current.CancellationToken);
            await RunAsync("openssl", "x509", "-req", "-in", "broker.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "broker.pem", "-days", "2", "-extfile", "san.ext");
            tls = $"""
                listener {tlsPort} 127.0.0.1
                cafile {Path.Combine(_folder, "ca.pem")}
                certfile {Path.Combine(_folder, "broker.pem")}
                keyfile {Path.Combine(_folder, "broker.key")}

                """;
        }

        await File.WriteAllTextAsync(
            Path.Combine(_folder, "mosquitto.conf"),
            $"""
            listener {Port} 127.0.0.1
            allow_anonymous false
            password_file {passwords}
            persistence false
            log_dest none
            user {Environment.UserName}
            {tls}
            """,
            TestContext.Current.CancellationToken);
    }
}
