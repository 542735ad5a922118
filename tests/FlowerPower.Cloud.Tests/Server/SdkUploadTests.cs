using FlowerPower.Cloud.Tests.Api;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>The SDK's write side against the real server: an upload lands once however often it is sent, a watering comes back in the samples, a foreign sensor is 9070.</summary>
public sealed class SdkUploadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task An_upload_sent_twice_through_the_sdk_lands_once_and_a_reported_watering_comes_back(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        using var client = new FlowerPowerClient(session.Options());
        var now = DateTimeOffset.UtcNow;
        var upload = UploadCallsTests.Upload(ServerSession.AliceSensor, new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero));

        await client.UploadSamplesAsync(upload, Ct);
        await client.UploadSamplesAsync(upload, Ct);
        await client.UpdateGardenStatusAsync(new GardenStatusUpdate { ClientDatetimeUtc = now, UpdateStatus = [LocationStatusUpdate.Watered(session.AliceLocation, now.AddMinutes(-10), now)] }, Ct);
        var samples = await client.GetSamplesAsync(session.AliceLocation, now.AddDays(-1), now.AddHours(1), Ct);
        var foreign = await Assert.ThrowsAsync<FlowerPowerNotFoundException>(() => client.UploadSamplesAsync(UploadCallsTests.Upload(ServerSession.BobSensor, now), Ct));

        Assert.Equal(6, samples.Samples.Count);
        Assert.Single(samples.WateringEvents);
        Assert.Equal(9070, foreign.ErrorCode);
    }
}
