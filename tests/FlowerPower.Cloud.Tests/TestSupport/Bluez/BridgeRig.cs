using FlowerPower.Cloud.Bridge;
using FlowerPower.Cloud.Bridge.Bluetooth;
using FlowerPower.Cloud.Bridge.Sensors;
using FlowerPower.Cloud.Bridge.Sync;

namespace FlowerPower.Cloud.Tests.TestSupport.Bluez;

/// <summary>
/// Everything a bridge test runs on: a private bus with the fake BlueZ, the real server (SQLite or PostgreSQL) with
/// Alice's garden, and a state directory of its own. Syncs run the bridge's own <see cref="SyncRunner"/> with
/// short timings.
/// </summary>
internal sealed class BridgeRig : IAsyncDisposable
{
    public static readonly SensorTimings Quick = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), 3);

    private BridgeRig(PrivateBus bus, FakeBluez bluez, ServerSession server, string state)
    {
        Bus = bus;
        Bluez = bluez;
        Server = server;
        StateDirectory = state;
    }

    public PrivateBus Bus { get; }

    public FakeBluez Bluez { get; }

    public ServerSession Server { get; }

    public string StateDirectory { get; }

    public StringWriter Log { get; } = new();

    public static async Task<BridgeRig> StartAsync(string kind)
    {
        var bus = PrivateBus.Start();
        var bluez = await FakeBluez.StartAsync(bus.Address);
        var server = await ServerSession.StartAsync(kind);
        return new BridgeRig(bus, bluez, server, Directory.CreateTempSubdirectory("fp-bridge-").FullName);
    }

    /// <summary>The environment the bridge program reads: Alice's credentials, the server (or <paramref name="baseAddress"/>), the private bus, the state.</summary>
    public Func<string, string?> Environment(Uri? baseAddress = null)
    {
        var values = new Dictionary<string, string>
        {
            ["FLOWERPOWER_BASE_ADDRESS"] = (baseAddress ?? Server.Server.BaseAddress).ToString(),
            ["FLOWERPOWER_CLIENT_ID"] = ServerSession.ClientId,
            ["FLOWERPOWER_CLIENT_SECRET"] = ServerSession.ClientSecret,
            ["FLOWERPOWER_USERNAME"] = ServerSession.Alice,
            ["FLOWERPOWER_PASSWORD"] = ServerSession.Password,
            ["DBUS_SYSTEM_BUS_ADDRESS"] = Bus.Address,
            ["FLOWERPOWER_BRIDGE_STATE"] = StateDirectory,
        };
        return name => values.GetValueOrDefault(name);
    }

    /// <summary>One sync of Alice's garden against the server, or against <paramref name="baseAddress"/> when given (a server that is down).</summary>
    public async Task<SyncReport> SyncAsync(Uri? baseAddress = null)
    {
        var options = Server.Options();
        if (baseAddress is not null)
        {
            options.BaseAddress = baseAddress;
        }

        using var client = new FlowerPowerClient(options);
        await using var bus = await BluezBus.ConnectAsync(Bus.Address, TestContext.Current.CancellationToken);
        var settings = new BridgeSettings("hci0", TimeSpan.Zero, StateDirectory, Quick, Bus.Address);
        return await new SyncRunner(client, bus, settings, TimeProvider.System, Log).RunOnceAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Alice's samples of her Basil, read back through the SDK.</summary>
    public async Task<IReadOnlyList<Sample>> SamplesAsync()
    {
        using var client = new FlowerPowerClient(Server.Options());
        var samples = await client.GetSamplesAsync(Server.AliceLocation, DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddHours(1), TestContext.Current.CancellationToken);
        return samples.Samples;
    }

    /// <summary>The status's history index of Alice's Basil.</summary>
    public async Task<long?> HistoryIndexAsync()
    {
        using var client = new FlowerPowerClient(Server.Options());
        var status = await client.GetGardenStatusAsync(TestContext.Current.CancellationToken);
        return status.Locations.Single(l => l.LocationIdentifier == Server.AliceLocation).Sensor?.CurrentHistoryIndex;
    }

    public async ValueTask DisposeAsync()
    {
        await Bluez.DisposeAsync();
        Bus.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(StateDirectory, recursive: true);
    }
}
