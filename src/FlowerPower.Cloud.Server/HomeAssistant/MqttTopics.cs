using System.Security.Cryptography;
using System.Text;

namespace FlowerPower.Cloud.Server.HomeAssistant;

/// <summary>
/// The topics the server publishes on. Each plant is a discovery node, <c>BASE_LOCATION</c> (letters, digits, '_'
/// and '-' only, as Home Assistant requires; a location identifier with other characters gets a hash in their
/// place, so two never share a node): its configs under <c>DISCOVERY/COMPONENT/NODE/OBJECT/config</c>, its state at
/// <c>BASE/NODE/state</c>. The server's availability is <c>BASE/status</c>. No topic carries an email or a name.
/// </summary>
internal sealed class MqttTopics(string discoveryPrefix, string baseTopic)
{
    public string DiscoveryPrefix { get; } = discoveryPrefix;

    /// <summary>Where Home Assistant says it started (<c>online</c>): every config is sent again.</summary>
    public string HomeAssistantStatus => DiscoveryPrefix + "/status";

    /// <summary>The filter that sees every config on the broker, ours among them.</summary>
    public string AllConfigs => DiscoveryPrefix + "/+/+/+/config";

    public string Availability => baseTopic + "/status";

    public string Node(string locationIdentifier)
    {
        if (locationIdentifier.Length is > 0 and <= 64 && locationIdentifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            return baseTopic + "_" + locationIdentifier;
        }

        var kept = new string(locationIdentifier.Take(32).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        return baseTopic + "_" + kept + "_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(locationIdentifier)))[..12];
    }

    public string State(string node) => baseTopic + "/" + node + "/state";

    public string Config(string component, string node, string objectId) => $"{DiscoveryPrefix}/{component}/{node}/{objectId}/config";

    /// <summary>The node of one of our config topics (<c>DISCOVERY/COMPONENT/NODE/OBJECT/config</c>, the node ours), else null.</summary>
    public string? OurNode(string configTopic)
    {
        var levels = configTopic.Split('/');
        return levels.Length == 5 && levels[0] == DiscoveryPrefix && levels[4] == "config" && levels[2].StartsWith(baseTopic + "_", StringComparison.Ordinal)
            ? levels[2]
            : null;
    }
}
