using FlowerPower.Cloud.Server.Accounts;
using FlowerPower.Cloud.Wire;

namespace FlowerPower.Cloud.Server.Hosting;

/// <summary>How the server listens and what it lets callers do: TLS, plain HTTP, a proxy's headers, limits and retention.</summary>
internal sealed record ServerOptions
{
    /// <summary>Where to listen: one or more <c>http://</c> or <c>https://</c> addresses separated by <c>;</c>.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5090";

    public TimeSpan TokenLifetime { get; init; } = CloudTokens.DefaultLifetime;

    /// <summary>A PEM certificate (the full chain, as Let's Encrypt issues <c>fullchain.pem</c>) for the https:// addresses.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>The certificate's PEM private key (<c>privkey.pem</c>).</summary>
    public string? CertificateKeyPath { get; init; }

    /// <summary>Serve plain HTTP on an address other than loopback: only behind a proxy that terminates TLS.</summary>
    public bool AllowHttp { get; init; }

    /// <summary>Trust <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from a proxy on this machine (loopback).</summary>
    public bool ForwardedHeaders { get; init; }

    /// <summary>What one request may bring.</summary>
    public CloudLimits Limits { get; init; } = new();

    /// <summary>How often sign-ins and uploads may be tried.</summary>
    public Limits.Allowances Allowances { get; init; } = new();

    /// <summary>How long upload bodies are kept as received; null keeps them for ever. The decoded samples keep their raw readings.</summary>
    public TimeSpan? KeepUploads { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Whether the web garden is served at the root (<c>--no-web</c> turns it off).</summary>
    public bool Web { get; init; } = true;

    /// <summary>The gardens published for Home Assistant over MQTT (<c>--mqtt</c>); null publishes nothing.</summary>
    public HomeAssistant.MqttSettings? Mqtt { get; init; }

    /// <summary>Where <c>/metrics</c> is served for Prometheus, on a listener of its own (<c>--metrics-urls</c>); null serves no metrics.</summary>
    public string? MetricsUrls { get; init; }

    /// <summary>Serve <c>/metrics</c> on addresses other than loopback (<c>--metrics-allow-remote</c>).</summary>
    public bool AllowRemoteMetrics { get; init; }

    /// <summary>Why these options cannot be served, in the user's terms, or null.</summary>
    public string? Problem()
    {
        if (Mqtt?.Problem() is { } mqtt)
        {
            return mqtt;
        }

        if (MetricsProblem() is { } metrics)
        {
            return metrics;
        }

        var addresses = ListenAddresses.Split(Urls);
        if (addresses.Length == 0)
        {
            return "--urls names no address";
        }

        if ((CertificatePath is null) != (CertificateKeyPath is null))
        {
            return "--certificate and --certificate-key go together";
        }

        foreach (var address in addresses)
        {
            if (ListenAddresses.Parse(address) is not { Scheme: "http" or "https" } uri)
            {
                return $"--urls: '{address}' is not an http:// or https:// address";
            }

            if (uri.Scheme == "https" && CertificatePath is null)
            {
                return $"{address} needs a certificate: give --certificate CERT.pem and --certificate-key KEY.pem";
            }

            if (uri.Scheme == "http" && !AllowHttp && !ListenAddresses.IsLoopback(uri.Host))
            {
                return $"plain HTTP on {address} would carry passwords and tokens in clear text: serve https:// with --certificate and --certificate-key, " +
                    "or give --allow-http behind a proxy that terminates TLS";
            }
        }

        return null;
    }

    private string? MetricsProblem()
    {
        if (MetricsUrls is null)
        {
            return AllowRemoteMetrics ? "--metrics-allow-remote goes with --metrics-urls" : null;
        }

        var addresses = ListenAddresses.Split(MetricsUrls);
        if (addresses.Length == 0)
        {
            return "--metrics-urls names no address";
        }

        var served = ListenAddresses.Split(Urls).Select(ListenAddresses.Parse).OfType<Uri>().ToList();
        foreach (var address in addresses)
        {
            if (ListenAddresses.Parse(address) is not { Scheme: "http", AbsolutePath: "/" } uri)
            {
                return $"--metrics-urls: '{address}' is not an http:// address (like http://127.0.0.1:9464)";
            }

            if (!AllowRemoteMetrics && !ListenAddresses.IsLoopback(uri.Host))
            {
                return $"--metrics-urls: {address} is not loopback; metrics tell the world how the server is used: give --metrics-allow-remote if that is meant";
            }

            if (uri.Port != 0 && served.Any(other => other.Port == uri.Port))
            {
                return $"--metrics-urls: {address} shares its port with --urls; metrics need a listener of their own";
            }
        }

        return null;
    }
}
