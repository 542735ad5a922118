namespace FlowerPower.Cloud.Wire.Uploads;

/// <summary>An upload over its user's allowance (<see cref="ICloudThrottle.BeforeUploadAsync"/>): answered 429 with <see cref="Wait"/> as <c>Retry-After</c>; nothing is stored.</summary>
internal sealed class UploadThrottled(TimeSpan wait) : Exception("The account sent more uploads than the server takes in an hour.")
{
    public TimeSpan Wait { get; } = wait;
}
