using FlowerPower.Cloud.Wire;

namespace FlowerPower.Cloud.Server.Limits;

/// <summary>The server's answer to the wire's <see cref="ICloudThrottle"/>: its sign-in and upload limits.</summary>
internal sealed class ServerThrottle(SignInLimits signIns, UploadLimits uploads) : ICloudThrottle
{
    public ValueTask<TimeSpan?> BeforePasswordAsync(string username, string? address, CancellationToken cancellationToken) =>
        signIns.BeforePasswordAsync(username, address, cancellationToken);

    public ValueTask PasswordFailedAsync(string username, string? address, CancellationToken cancellationToken) =>
        signIns.PasswordFailedAsync(username, address, cancellationToken);

    public async ValueTask<TimeSpan?> BeforeUploadAsync(long userId, int buffers, CancellationToken cancellationToken) =>
        await uploads.TakeAsync(userId, buffers, cancellationToken);
}
