using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Server.Limits;

/// <summary>
/// How many history buffers one user may upload an hour (<see cref="Allowances.UploadsPerHourPerUser"/>), counted in
/// the database: a bridge sends one a sensor every 15 minutes, so the default leaves a garden of 100 sensors room to
/// catch up twice over, and bounds what one stolen token can make the server store and keep.
/// </summary>
internal sealed class UploadLimits(RateBuckets buckets, Allowances options)
{
    /// <summary>Takes <paramref name="buffers"/> from the user's hourly allowance: null when it held them, else how long to wait.</summary>
    public Task<TimeSpan?> TakeAsync(long userId, int buffers, CancellationToken cancellationToken) =>
        buckets.TakeManyAsync(
            "uploads:" + userId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new RateBucket(options.UploadsPerHourPerUser, options.UploadsPerHourPerUser / 60.0),
            buffers,
            cancellationToken);
}
