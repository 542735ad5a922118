using System.Globalization;
using FlowerPower.Cloud.Tests.TestSupport.Bluez;

// dotnet run --project tests/FlowerPower.Cloud.FakeBluez -- [--sensors N] [--entries M] [--serial-prefix P]
// Starts a private bus with a fake BlueZ serving N Flower Powers (serials P0001.., M entries each, the last measured
// now), prints "DBUS_SYSTEM_BUS_ADDRESS=..." and the serials, and runs until its input closes or Ctrl+C.
var sensors = Value("--sensors", 1);
var entries = Value("--entries", 96);
var prefix = args.SkipWhile(a => a != "--serial-prefix").Skip(1).FirstOrDefault() ?? "PI040307AD5G20";
using var bus = PrivateBus.Start();
await using var bluez = await FakeBluez.StartAsync(bus.Address);
var now = DateTimeOffset.UtcNow;
for (var i = 1; i <= sensors; i++)
{
    var sensor = bluez.Add(new FakeSensor(string.Create(CultureInfo.InvariantCulture, $"A0:14:3D:08:{i / 256:X2}:{i % 256:X2}"), string.Create(CultureInfo.InvariantCulture, $"{prefix}{i:D4}")).WithHistory(entries, entries - 1, now));
    Console.WriteLine($"sensor {sensor.Serial} {sensor.Name} {sensor.Address}");
}

Console.WriteLine("DBUS_SYSTEM_BUS_ADDRESS=" + bus.Address);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
try
{
    await Task.WhenAny(Task.Run(() => Console.In.ReadToEnd(), stop.Token), Task.Delay(Timeout.Infinite, stop.Token));
}
catch (OperationCanceledException)
{
}

int Value(string name, int fallback) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
