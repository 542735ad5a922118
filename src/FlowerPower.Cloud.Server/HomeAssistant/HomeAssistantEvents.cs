using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Server.HomeAssistant;

/// <summary>The publisher's event ids, stable across versions (docs/operations.md).</summary>
internal static class HomeAssistantEvents
{
    public static readonly EventId BrokerUnreachable = new(6001, nameof(BrokerUnreachable));
    public static readonly EventId BrokerReached = new(6002, nameof(BrokerReached));
    public static readonly EventId GardenUnread = new(6003, nameof(GardenUnread));
    public static readonly EventId UnknownOwner = new(6004, nameof(UnknownOwner));
    public static readonly EventId Standby = new(6005, nameof(Standby));
}
