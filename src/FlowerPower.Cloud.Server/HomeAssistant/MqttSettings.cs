namespace FlowerPower.Cloud.Server.HomeAssistant;

/// <summary>
/// Where and what the server publishes for Home Assistant: the broker (<c>mqtt://</c> or <c>mqtts://</c>), its
/// login, and the explicit list of gardens (by owner's email) that may be published; nobody else's ever is.
/// </summary>
internal sealed record MqttSettings
{
    /// <summary>The broker: <c>mqtt://HOST[:1883]</c> or <c>mqtts://HOST[:8883]</c>.</summary>
    public required Uri Broker { get; init; }

    /// <summary>A PEM file of the certificate authority that signed an <c>mqtts://</c> broker's certificate; null trusts the machine's.</summary>
    public string? CertificateAuthorityPath { get; init; }

    /// <summary>The broker's user name (<c>FLOWERPOWER_MQTT_USERNAME</c>); null logs in anonymously.</summary>
    public string? Username { get; init; }

    /// <summary>The broker's password (<c>FLOWERPOWER_MQTT_PASSWORD</c> or the file in <c>FLOWERPOWER_MQTT_PASSWORD_FILE</c>); never on the command line.</summary>
    public string? Password { get; init; }

    /// <summary>The MQTT client id. Every instance may use the same one: only the holder of the publishing lease connects.</summary>
    public string ClientId { get; init; } = "flowerpower-server";

    /// <summary>The owners (by email) whose gardens are published.</summary>
    public required IReadOnlyList<string> Gardens { get; init; }

    /// <summary>Home Assistant's discovery prefix (its MQTT integration's setting; <c>homeassistant</c> unless changed there).</summary>
    public string DiscoveryPrefix { get; init; } = "homeassistant";

    /// <summary>The first level of the server's own topics (states, availability) and of its discovery node ids.</summary>
    public string BaseTopic { get; init; } = "flowerpower";

    /// <summary>How often the gardens' versions are read to see whether anything landed (uploads on any instance, imports).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the publishing lease lasts without renewal: how long a standby instance waits after the publisher dies.</summary>
    public TimeSpan LeaseLength { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest wait between two tries to reach a broker that is down.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one connection attempt or one publish may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Why these settings cannot be used, in the operator's terms, or null.</summary>
    public string? Problem()
    {
        if (Broker.Scheme is not ("mqtt" or "mqtts") || string.IsNullOrEmpty(Broker.Host))
        {
            return $"--mqtt: '{Broker.GetLeftPart(UriPartial.Scheme)}...' is not an mqtt:// or mqtts:// address";
        }

        if (!string.IsNullOrEmpty(Broker.UserInfo))
        {
            return "--mqtt: a user name or password in the address would be visible to every user of this machine; " +
                "give them in FLOWERPOWER_MQTT_USERNAME and FLOWERPOWER_MQTT_PASSWORD (or FLOWERPOWER_MQTT_PASSWORD_FILE)";
        }

        if (Broker.AbsolutePath is not ("/" or "") || Broker.Query.Length > 0)
        {
            return "--mqtt takes a broker's address only, like mqtt://127.0.0.1:1883";
        }

        if (CertificateAuthorityPath is not null && Broker.Scheme != "mqtts")
        {
            return "--mqtt-ca is for an mqtts:// broker";
        }

        if (CertificateAuthorityPath is not null && !File.Exists(CertificateAuthorityPath))
        {
            return $"--mqtt-ca: there is no file {CertificateAuthorityPath}";
        }

        if (Gardens.Count == 0)
        {
            return "--mqtt needs the gardens to publish: give --mqtt-garden EMAIL for each owner (nobody else's garden is published)";
        }

        if (!IsTopicLevel(DiscoveryPrefix) || !IsTopicLevel(BaseTopic))
        {
            return "--mqtt-discovery-prefix and --mqtt-topic are single topic levels of letters, digits, '_' and '-'";
        }

        return Password is not null && Username is null ? "FLOWERPOWER_MQTT_PASSWORD needs FLOWERPOWER_MQTT_USERNAME" : null;
    }

    /// <summary>The port, the scheme's default when the address has none.</summary>
    public int Port => Broker.IsDefaultPort || Broker.Port < 0 ? (Broker.Scheme == "mqtts" ? 8883 : 1883) : Broker.Port;

    public override string ToString() =>
        $"MqttSettings {{ Broker = {Broker.Scheme}://{Broker.Host}:{Port}, Username = {(Username is null ? "(none)" : "***")}, Password = {(Password is null ? "(none)" : "***")}, ClientId = {ClientId}, Gardens = {Gardens.Count} }}";

    private static bool IsTopicLevel(string text) =>
        text.Length is > 0 and <= 64 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
