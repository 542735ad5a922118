using FlowerPower.Cloud.Server.Telemetry;
using FlowerPower.Cloud.Wire;

namespace FlowerPower.Cloud.Server.Limits;

/// <summary>The server's answer to the wire's <see cref="ICloudThrottle"/>: its sign-in and upload limits.</summary>
internal sealed class ServerThrottle(SignInLimits signIns, UploadLimits uploads) : ICloudThrottle
{
    public async ValueTask<TimeSpan?> BeforePasswordAsync(string username, string? address, CancellationToken cancellationToken)
    {
        var wait = await signIns.BeforePasswordAsync(username, address, cancellationToken);
        if (wait is not null)
        {
            ServerMetrics.SignInRateLimited();
        }

        return wait;
    }

    public ValueTask PasswordFailedAsync(string username, string? address, CancellationToken cancellationToken)
    {
        ServerMetrics.SignInRefused();
        return signIns.PasswordFailedAsync(username, address, cancellationToken);
    }

    public async ValueTask<TimeSpan?> BeforeUploadAsync(long userId, int buffers, CancellationToken cancellationToken) =>
        await uploads.TakeAsync(userId, buffers, cancellationToken);
}
