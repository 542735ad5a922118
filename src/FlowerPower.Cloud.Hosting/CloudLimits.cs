namespace FlowerPower.Cloud.Hosting;

/// <summary>
/// What one request may bring, and who may try to sign in how often. A body over its limit is answered 413 before it
/// is read (by its Content-Length) or as soon as the limit is passed; nothing of it is stored.
/// </summary>
internal sealed record CloudLimits
{
    /// <summary>The token endpoint's form: a few fields of at most a few hundred characters.</summary>
    public int TokenFormBytes { get; init; } = 8 * 1024;

    /// <summary>
    /// A bridge's upload: one history buffer holds at most 65,535 entries of 12 bytes (786 KB, about 1 MB in base64),
    /// and a bridge may send several sensors at once.
    /// </summary>
    public int UploadBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>A status update: a few objects per location.</summary>
    public int StatusUpdateBytes { get; init; } = 1024 * 1024;

    /// <summary>How deep the JSON of an upload may nest; the real ones nest three levels.</summary>
    public int MaxJsonDepth { get; init; } = 16;

    /// <summary>
    /// Asked before a password is checked, with the user name tried: how long that name must wait before its next
    /// attempt, or null to go on. The server limits each name; the emulator does not.
    /// </summary>
    public Func<string, TimeSpan?>? SignInThrottle { get; init; }
}
