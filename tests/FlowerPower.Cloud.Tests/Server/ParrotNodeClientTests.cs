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
    public async Task Parrots_node_client_works_against_the_server_and_its_upload_reads_back_through_the_sdk(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        var now = DateTimeOffset.UtcNow;
        var upload = new BridgeUpload(ServerSession.AliceSensor, Minute(now.AddHours(-4)), now);

        var result = await ParrotNodeClient.RunAsync(
            session.Server.BaseAddress, ServerSession.Alice, ServerSession.Password, ServerSession.ClientId, ServerSession.ClientSecret, upload.Json(), Ct);
        using var client = new FlowerPowerClient(session.Options());
        var samples = await client.GetSamplesAsync(session.AliceLocation, upload.FirstSessionStart, now, Ct);

        Assert.Equal(ServerSession.Alice, result.GetProperty("email").GetString());
        Assert.Equal(session.AliceLocation, Assert.Single(result.GetProperty("locations").EnumerateArray()).GetString());
        Assert.Equal(172800, result.GetProperty("tokenExpiresIn").GetInt32());
        Assert.Equal(0, result.GetProperty("sent").GetProperty("errors").GetArrayLength());
        Assert.True(result.GetProperty("gardenStatusVersionAfter").GetInt64() > result.GetProperty("gardenStatusVersion").GetInt64());
        Assert.Equal(upload.Expected.Select(e => e.At), samples.Samples.Select(s => s.CaptureDatetimeUtc!.Value));
        Assert.Equal(upload.Expected.Select(e => e.AirTemperature), samples.Samples.Select(s => s.AirTemperatureCelsius!.Value));
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
        var samples = await client.GetSamplesAsync(withSensor.LocationIdentifier!, upload.FirstSessionStart, now, Ct);

        Assert.Equal(DemoAccount.Username, result.GetProperty("email").GetString());
        Assert.Equal(5, result.GetProperty("locations").GetArrayLength());
        Assert.Equal(0, result.GetProperty("sent").GetProperty("errors").GetArrayLength());
        Assert.True(result.GetProperty("gardenStatusVersionAfter").GetInt64() > result.GetProperty("gardenStatusVersion").GetInt64());
        var times = upload.Expected.Select(e => e.At).ToHashSet();
        var uploaded = samples.Samples.Where(s => times.Contains(s.CaptureDatetimeUtc!.Value)).ToList();
        Assert.Equal(upload.Expected.Select(e => e.At), uploaded.Select(s => s.CaptureDatetimeUtc!.Value));
        Assert.Equal(upload.Expected.Select(e => e.Battery), uploaded.Select(s => s.BatteryPercent!.Value));
    }

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);
}
