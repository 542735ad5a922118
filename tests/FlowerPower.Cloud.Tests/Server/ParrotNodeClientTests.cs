using FlowerPower.Cloud.Emulator;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// Interoperability with the real thing: Parrot's own Node client logs in, reads the profile, the configuration, the
/// garden and the versions, and sends samples from a synthetic history buffer; the SDK then reads them back. Against
/// the server, and against the emulator, which guards the emulator's fidelity.
/// </summary>
public sealed class ParrotNodeClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Parrots_node_client_works_against_the_server_and_its_upload_reads_back_through_the_sdk_converted_and_once(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        var now = DateTimeOffset.UtcNow;
        var upload = new BridgeUpload(ServerSession.AliceSensor, Minute(now.AddHours(-4)), now);

        var first = await ParrotNodeClient.RunAsync(
            session.Server.BaseAddress, ServerSession.Alice, ServerSession.Password, ServerSession.ClientId, ServerSession.ClientSecret, upload.Json(), Ct);
        var second = await ParrotNodeClient.RunAsync(
            session.Server.BaseAddress, ServerSession.Alice, ServerSession.Password, ServerSession.ClientId, ServerSession.ClientSecret, upload.Json(), Ct);
        using var client = new FlowerPowerClient(session.Options());
        var samples = await client.GetSamplesAsync(session.AliceLocation, upload.SessionStart.AddMinutes(-1), now, Ct);
        var status = await client.GetGardenStatusAsync(Ct);

        Assert.Equal(ServerSession.Alice, first.GetProperty("email").GetString());
        Assert.Equal(session.AliceLocation, Assert.Single(first.GetProperty("locations").EnumerateArray()).GetString());
        Assert.Equal(172800, first.GetProperty("tokenExpiresIn").GetInt32());
        Assert.Equal(0, first.GetProperty("sent").GetProperty("errors").GetArrayLength());
        Assert.Equal(0, second.GetProperty("sent").GetProperty("errors").GetArrayLength());
        Assert.True(first.GetProperty("gardenStatusVersionAfter").GetInt64() > first.GetProperty("gardenStatusVersion").GetInt64());

        // Before any sample the status has no sensor block (as the cloud's): the index the bridge resumes from is then 0.
        var indexBefore = Assert.Single(first.GetProperty("statuses").EnumerateArray()).GetProperty("historyIndex");
        Assert.True(indexBefore.ValueKind == System.Text.Json.JsonValueKind.Null || indexBefore.GetInt64() < upload.ReachedIndex, indexBefore.ToString());
        Assert.Equal(upload.ReachedIndex, Assert.Single(second.GetProperty("statuses").EnumerateArray()).GetProperty("historyIndex").GetInt64());
        Assert.Equal(upload.ReachedIndex, Assert.Single(status.Locations).Sensor!.CurrentHistoryIndex);
        UploadTests.AssertSamples(upload.Expected, samples.Samples);
    }

    [Fact]
    public async Task Parrots_node_client_works_against_the_emulator_and_its_upload_reads_back_through_the_sdk()
    {
        await using var emulator = await FlowerPowerEmulator.StartAsync(cancellationToken: Ct);
        using var client = new FlowerPowerClient(emulator.CreateClientOptions());
        var garden = await client.GetGardenConfigurationAsync(Ct);
        var withSensor = garden.Locations.First(l => l.Sensor is not null);
        var now = DateTimeOffset.UtcNow;
        var upload = new BridgeUpload(withSensor.Sensor!.SensorSerial!, Minute(now.AddHours(-4)).AddSeconds(7), now);

        var result = await ParrotNodeClient.RunAsync(
            emulator.BaseAddress, DemoAccount.Username, DemoAccount.Password, DemoAccount.ClientId, DemoAccount.ClientSecret, upload.Json(), Ct);
        var samples = await client.GetSamplesAsync(withSensor.LocationIdentifier!, upload.SessionStart, now, Ct);

        Assert.Equal(DemoAccount.Username, result.GetProperty("email").GetString());
        Assert.Equal(5, result.GetProperty("locations").GetArrayLength());
        Assert.Equal(0, result.GetProperty("sent").GetProperty("errors").GetArrayLength());
        Assert.True(result.GetProperty("gardenStatusVersionAfter").GetInt64() > result.GetProperty("gardenStatusVersion").GetInt64());
        var times = upload.Expected.Select(e => e.At).ToHashSet();
        var uploaded = samples.Samples.Where(s => times.Contains(s.CaptureDatetimeUtc!.Value)).ToList();
        Assert.Equal(upload.Expected.Select(e => e.At), uploaded.Select(s => s.CaptureDatetimeUtc!.Value));
        UploadTests.AssertSamples(upload.Expected, uploaded);
    }

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);
}
