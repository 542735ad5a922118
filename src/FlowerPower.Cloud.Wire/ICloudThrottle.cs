namespace FlowerPower.Cloud.Wire;

/// <summary>
/// How often a caller may try what costs the server or its owners: password sign-ins and uploads. The server keeps
/// these counts where all its instances see them; the emulator has none. A method that answers a wait refuses the
/// request with 429 and <c>Retry-After</c> before any work is done.
/// </summary>
internal interface ICloudThrottle
{
    /// <summary>Asked before a password is checked: how long this sign-in must wait, or null to go on.</summary>
    /// <param name="username">The user name tried, as sent.</param>
    /// <param name="address">The caller's address (after a trusted proxy's), or null when unknown.</param>
    /// <param name="cancellationToken">The request's.</param>
    ValueTask<TimeSpan?> BeforePasswordAsync(string username, string? address, CancellationToken cancellationToken);

    /// <summary>A password sign-in failed: counted against the user name and the address it came from.</summary>
    ValueTask PasswordFailedAsync(string username, string? address, CancellationToken cancellationToken);

    /// <summary>Asked before an upload's <paramref name="buffers"/> history buffers are stored: how long the user must wait, or null.</summary>
    ValueTask<TimeSpan?> BeforeUploadAsync(long userId, int buffers, CancellationToken cancellationToken);
}
