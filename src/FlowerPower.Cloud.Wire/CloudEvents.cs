using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Wire;

/// <summary>
/// The event ids of the cloud's audit log, stable across versions (docs/operations.md lists them): log collectors
/// filter on them. No event carries a password, a secret or a token; user names, client ids and addresses do.
/// </summary>
internal static class CloudEvents
{
    public static readonly EventId SignInSucceeded = new(2001, nameof(SignInSucceeded));
    public static readonly EventId SignInFailed = new(2002, nameof(SignInFailed));
    public static readonly EventId SignInThrottled = new(2003, nameof(SignInThrottled));
    public static readonly EventId TokenRefreshed = new(2004, nameof(TokenRefreshed));
    public static readonly EventId RefreshRefused = new(2005, nameof(RefreshRefused));
    public static readonly EventId SessionRevoked = new(2006, nameof(SessionRevoked));
    public static readonly EventId UploadStored = new(3001, nameof(UploadStored));
    public static readonly EventId UploadRefused = new(3002, nameof(UploadRefused));
    public static readonly EventId RequestFailed = new(5001, nameof(RequestFailed));

    /// <summary>The category audit events are logged under.</summary>
    public const string AuditCategory = "FlowerPower.Cloud.Audit";
}
