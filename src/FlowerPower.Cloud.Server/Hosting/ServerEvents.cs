using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Server.Hosting;

/// <summary>The server's own event ids, stable across versions (docs/operations.md); the cloud's audit events are <c>CloudEvents</c>.</summary>
internal static class ServerEvents
{
    public static readonly EventId Request = new(1001, nameof(Request));
    public static readonly EventId Started = new(1002, nameof(Started));
    public static readonly EventId UploadsPruned = new(1003, nameof(UploadsPruned));
    public static readonly EventId PruningFailed = new(1004, nameof(PruningFailed));
    public static readonly EventId CertificateReloaded = new(1005, nameof(CertificateReloaded));
    public static readonly EventId CertificateRefused = new(1006, nameof(CertificateRefused));
    public static readonly EventId AdminCommand = new(4001, nameof(AdminCommand));
    public static readonly EventId AdminCommandRefused = new(4002, nameof(AdminCommandRefused));

    /// <summary>The category request lines are logged under.</summary>
    public const string RequestCategory = "FlowerPower.Cloud.Server.Requests";
}
