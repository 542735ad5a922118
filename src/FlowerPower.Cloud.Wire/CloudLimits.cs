namespace FlowerPower.Cloud.Wire;

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

    /// <summary>
    /// How long an upload's body may take to arrive, whatever its rate: a bridge's 4 MB at a slow 64 KB/s takes a
    /// minute. Past it the request is answered 408; nothing of it is stored.
    /// </summary>
    public TimeSpan BodyReadTime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How deep the JSON of an upload may nest; the real ones nest three levels.</summary>
    public int MaxJsonDepth { get; init; } = 16;

    /// <summary>
    /// How many history buffers (<c>uploads</c>) and how many <c>session_histories</c> one body may carry: a bridge
    /// sends one of each per sensor it synced, and a garden of more sensors than this sends several bodies.
    /// </summary>
    public int UploadsPerBody { get; init; } = 64;

    /// <summary>How many status updates one body may carry.</summary>
    public int StatusUpdatesPerBody { get; init; } = 256;

    /// <summary>How often sign-ins and uploads may be tried; none when null (the emulator).</summary>
    public ICloudThrottle? Throttle { get; init; }
}
