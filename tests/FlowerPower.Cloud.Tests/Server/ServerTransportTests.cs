using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FlowerPower.Cloud.Server.CommandLine;
using FlowerPower.Cloud.Server.Hosting;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// The server on a network: HTTPS from PEM files as Let's Encrypt issues them (a self-signed pair made here), plain
/// HTTP refused on any address but loopback unless a TLS proxy is named, and a proxy's forwarded headers trusted only
/// when asked.
/// </summary>
public sealed class ServerTransportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flowerpower-tls-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_server_serves_https_with_a_pem_certificate_and_key_and_the_sdk_signs_in_over_it()
    {
        var (certificate, key, thumbprint) = SelfSigned();
        await using var session = await ServerSession.StartAsync(
            TestDatabase.Sqlite, options: new ServerOptions { Urls = "https://127.0.0.1:0", CertificatePath = certificate, CertificateKeyPath = key });
        var presented = new List<string>();
        var handler = new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, cert, _, _) =>
                {
                    presented.Add(cert!.GetCertHashString(HashAlgorithmName.SHA256));
                    return cert.GetCertHashString(HashAlgorithmName.SHA256) == thumbprint;
                },
            },
        };
        using var client = new FlowerPowerClient(session.Options(), primaryHandler: handler);

        var profile = await client.GetProfileAsync(Ct);

        Assert.Equal("https", session.Server.BaseAddress.Scheme);
        Assert.Equal(ServerSession.Alice, profile.UserProfile!.Email);
        Assert.Contains(thumbprint, presented);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5090", "plain HTTP on http://0.0.0.0:5090 would carry passwords and tokens in clear text")]
    [InlineData("http://192.0.2.10:5090", "plain HTTP on http://192.0.2.10:5090 would carry passwords and tokens in clear text")]
    [InlineData("https://127.0.0.1:5443", "https://127.0.0.1:5443 needs a certificate")]
    [InlineData("ftp://127.0.0.1:21", "is not an http:// or https:// address")]
    public async Task Serving_what_would_leak_or_cannot_work_is_refused_in_one_line_with_exit_code_2(string urls, string expected)
    {
        var error = new StringWriter();

        var exit = await ServerCommandLine.RunAsync(["serve", "--urls", urls, "--database", Path.Combine(_folder, "x.db")], TextWriter.Null, error, Ct);

        Assert.Equal(2, exit);
        Assert.Contains(expected, Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "x.db")), "the database was touched before the refusal");
    }

    [Fact]
    public void Plain_http_on_any_address_is_allowed_behind_a_tls_proxy_and_on_loopback_always()
    {
        Assert.Null(new ServerOptions { Urls = "http://0.0.0.0:5090", AllowHttp = true }.Problem());
        Assert.Null(new ServerOptions { Urls = "http://127.0.0.1:5090;http://[::1]:5090;http://localhost:5090" }.Problem());
    }

    [Fact]
    public async Task A_certificate_file_that_is_not_one_is_one_line_and_exit_code_2()
    {
        var certificate = Path.Combine(_folder, "cert.pem");
        var key = Path.Combine(_folder, "key.pem");
        await File.WriteAllTextAsync(certificate, "not a certificate", Ct);
        await File.WriteAllTextAsync(key, "not a key", Ct);
        var error = new StringWriter();

        var exit = await ServerCommandLine.RunAsync(
            ["serve", "--urls", "https://127.0.0.1:0", "--certificate", certificate, "--certificate-key", key, "--database", Path.Combine(_folder, "y.db")],
            TextWriter.Null, error, Ct);

        Assert.Equal(2, exit);
        Assert.Contains("cannot use the certificate", Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_renewed_certificate_swapped_under_the_running_server_is_served_to_new_connections_without_a_restart()
    {
        var (certificate, _, first) = SelfSigned();
        await using var session = await ServerSession.StartAsync(
            TestDatabase.Sqlite, options: new ServerOptions { Urls = "https://127.0.0.1:0", CertificatePath = certificate, CertificateKeyPath = Path.Combine(_folder, "privkey.pem") });
        var reloaded = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Server.Certificate!.Reloaded += fresh => reloaded.TrySetResult(fresh.GetCertHashString(HashAlgorithmName.SHA256));
        session.Server.Certificate!.Refused += _ => refused.TrySetResult();
        var before = await PresentedAsync(session.Server.BaseAddress);

        // A renewal caught half way: the certificate file cut off. The one in use stays.
        await File.WriteAllTextAsync(certificate, "-----BEGIN CERTIFICATE-----\nMIIB", Ct);
        await refused.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var during = await PresentedAsync(session.Server.BaseAddress);
        var (_, _, second) = SelfSigned();
        var served = await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var after = await PresentedAsync(session.Server.BaseAddress);

        Assert.Equal(first, before);
        Assert.Equal(first, during);
        Assert.NotEqual(first, second);
        Assert.Equal(second, served);
        Assert.Equal(second, after);
    }

    /// <summary>The SHA-256 thumbprint of the certificate the server presents to a new connection.</summary>
    private static async Task<string> PresentedAsync(Uri server)
    {
        string? presented = null;
        using var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => (presented = cert!.GetCertHashString(HashAlgorithmName.SHA256)) is not null },
        };
        using var http = new HttpClient(handler) { BaseAddress = server };
        using var answer = await http.GetAsync("healthz", Ct);
        return presented!;
    }

    /// <summary>A self-signed certificate for 127.0.0.1 as two PEM files; its SHA-256 thumbprint.</summary>
    private (string Certificate, string Key, string Thumbprint) SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var certificatePath = Path.Combine(_folder, "fullchain.pem");
        var keyPath = Path.Combine(_folder, "privkey.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath, certificate.GetCertHashString(HashAlgorithmName.SHA256));
    }
}
