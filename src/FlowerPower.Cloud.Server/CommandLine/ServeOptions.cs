using System.CommandLine;
using FlowerPower.Cloud.Server.Accounts;
using FlowerPower.Cloud.Server.HomeAssistant;
using FlowerPower.Cloud.Server.Hosting;
using FlowerPower.Cloud.Wire;

namespace FlowerPower.Cloud.Server.CommandLine;

/// <summary>The options of <c>serve</c> (also the program's own, as serving is what it does with no command).</summary>
internal sealed class ServeOptions
{
    public Option<string> Urls { get; } = new("--urls")
    {
        Description = "where to listen: http:// or https:// addresses separated by ';' (plain http only on loopback unless --allow-http)",
        DefaultValueFactory = _ => "http://127.0.0.1:5090",
    };

    public Option<int> TokenLifetime { get; } = new("--token-lifetime")
    {
        Description = "how long an access token lives, in seconds",
        DefaultValueFactory = _ => (int)CloudTokens.DefaultLifetime.TotalSeconds,
    };

    public Option<string?> Certificate { get; } = new("--certificate")
    {
        Description = "the TLS certificate for https:// addresses, a PEM file (Let's Encrypt's fullchain.pem)",
    };

    public Option<string?> CertificateKey { get; } = new("--certificate-key")
    {
        Description = "the certificate's private key, a PEM file (Let's Encrypt's privkey.pem)",
    };

    public Option<bool> AllowHttp { get; } = new("--allow-http")
    {
        Description = "serve plain http on addresses other than loopback: only behind a proxy that terminates TLS",
    };

    public Option<bool> ForwardedHeaders { get; } = new("--forwarded-headers")
    {
        Description = "trust X-Forwarded-For and X-Forwarded-Proto from a proxy on this machine",
    };

    public Option<int> KeepUploads { get; } = KeepUploadsOption();

    public Option<bool> NoWeb { get; } = new("--no-web")
    {
        Description = "serve the API only, without the web garden at the server's root",
    };

    public Option<string?> Mqtt { get; } = new("--mqtt")
    {
        Description = "publishes the gardens named by --mqtt-garden for Home Assistant on this MQTT broker: mqtt://HOST:PORT or mqtts://HOST:PORT " +
            "(its login from FLOWERPOWER_MQTT_USERNAME and FLOWERPOWER_MQTT_PASSWORD or FLOWERPOWER_MQTT_PASSWORD_FILE)",
    };

    public Option<string[]> MqttGarden { get; } = new("--mqtt-garden")
    {
        Description = "the email of an owner whose garden is published over MQTT (repeat for each; nobody else's is)",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> MqttCertificateAuthority { get; } = new("--mqtt-ca")
    {
        Description = "a PEM file of the certificate authority an mqtts:// broker's certificate is signed by (the machine's are trusted without it)",
    };

    public Option<string?> MqttPasswordFile { get; } = new("--mqtt-password-file")
    {
        Description = "a file holding the MQTT broker's password (instead of FLOWERPOWER_MQTT_PASSWORD)",
    };

    public Option<string> MqttClientId { get; } = new("--mqtt-client-id")
    {
        Description = "the MQTT client id",
        DefaultValueFactory = _ => "flowerpower-server",
    };

    public Option<string> MqttDiscoveryPrefix { get; } = new("--mqtt-discovery-prefix")
    {
        Description = "Home Assistant's MQTT discovery prefix",
        DefaultValueFactory = _ => "homeassistant",
    };

    public Option<string> MqttTopic { get; } = new("--mqtt-topic")
    {
        Description = "the first level of the server's own MQTT topics (plant states, availability)",
        DefaultValueFactory = _ => "flowerpower",
    };

    public Option<string?> MetricsUrls { get; } = new("--metrics-urls")
    {
        Description = "serves /metrics for Prometheus on a listener of its own, like http://127.0.0.1:9464 (loopback unless --metrics-allow-remote)",
    };

    public Option<bool> MetricsAllowRemote { get; } = new("--metrics-allow-remote")
    {
        Description = "lets --metrics-urls listen on addresses other than loopback",
    };

    /// <summary>How many days upload bodies are kept; 0 keeps them for ever.</summary>
    public static Option<int> KeepUploadsOption() => new("--keep-uploads")
    {
        Description = "how many days upload bodies are kept as received (their samples stay for ever); 0 keeps them for ever",
        DefaultValueFactory = _ => 90,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) && days <= 36_500)
            {
                return days;
            }

            result.AddError($"--keep-uploads must be a number of days from 0 to 36500, not '{text}'");
            return 90;
        },
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Urls);
        command.Options.Add(TokenLifetime);
        command.Options.Add(Certificate);
        command.Options.Add(CertificateKey);
        command.Options.Add(AllowHttp);
        command.Options.Add(ForwardedHeaders);
        command.Options.Add(KeepUploads);
        command.Options.Add(NoWeb);
        command.Options.Add(Mqtt);
        command.Options.Add(MqttGarden);
        command.Options.Add(MqttCertificateAuthority);
        command.Options.Add(MqttPasswordFile);
        command.Options.Add(MqttClientId);
        command.Options.Add(MqttDiscoveryPrefix);
        command.Options.Add(MqttTopic);
        command.Options.Add(MetricsUrls);
        command.Options.Add(MetricsAllowRemote);
    }

    /// <summary>The options of <c>serve</c>: each flag given on the command line, else its setting (<see cref="ServerSettings"/>), else its default.</summary>
    /// <exception cref="SettingsException">A setting does not fit its option.</exception>
    public ServerOptions Read(ParseResult result, ServerSettings settings) => new()
    {
        Urls = settings.Text(result, Urls)!,
        TokenLifetime = TimeSpan.FromSeconds(settings.Number(result, TokenLifetime, 1, int.MaxValue)),
        CertificatePath = settings.Text(result, Certificate),
        CertificateKeyPath = settings.Text(result, CertificateKey),
        AllowHttp = settings.Flag(result, AllowHttp),
        ForwardedHeaders = settings.Flag(result, ForwardedHeaders),
        KeepUploads = settings.Number(result, KeepUploads, 0, 36_500) is > 0 and var days ? TimeSpan.FromDays(days) : null,
        Web = !settings.Flag(result, NoWeb),
        Mqtt = ReadMqtt(result, settings),
        MetricsUrls = settings.Text(result, MetricsUrls),
        AllowRemoteMetrics = settings.Flag(result, MetricsAllowRemote),
    };

    private MqttSettings? ReadMqtt(ParseResult result, ServerSettings settings)
    {
        var gardens = settings.List(result, MqttGarden);
        if (settings.Text(result, Mqtt) is not { } broker)
        {
            return gardens.Count > 0 ? throw new SettingsException("--mqtt-garden goes with --mqtt mqtt://HOST:PORT") : null;
        }

        if (!Uri.TryCreate(broker, UriKind.Absolute, out var uri))
        {
            throw new SettingsException("--mqtt: that is not an mqtt:// or mqtts:// address (like mqtt://127.0.0.1:1883)");
        }

        var password = settings.Secret("MQTT_PASSWORD");
        if ((settings.Text(result, MqttPasswordFile) ?? settings.Secret("MQTT_PASSWORD_FILE")) is { } file)
        {
            try
            {
                password = File.ReadAllText(file).TrimEnd('\r', '\n');
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new SettingsException($"the MQTT password file {file} cannot be read: {exception.Message}");
            }
        }

        return new MqttSettings
        {
            Broker = uri,
            CertificateAuthorityPath = settings.Text(result, MqttCertificateAuthority),
            Username = settings.Secret("MQTT_USERNAME"),
            Password = password,
            ClientId = settings.Text(result, MqttClientId)!,
            Gardens = gardens.Select(AccountNames.Normalize).Distinct(StringComparer.Ordinal).ToList(),
            DiscoveryPrefix = settings.Text(result, MqttDiscoveryPrefix)!,
            BaseTopic = settings.Text(result, MqttTopic)!,
        };
    }
}
