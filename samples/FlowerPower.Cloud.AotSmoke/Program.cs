using FlowerPower.Cloud;
using Microsoft.Extensions.DependencyInjection;

// Usage: FlowerPower.Cloud.AotSmoke <emulator base address>. Exits 0 only when every check holds.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: FlowerPower.Cloud.AotSmoke http://127.0.0.1:PORT/");
    return 2;
}

var options = new FlowerPowerClientOptions
{
    BaseAddress = new Uri(args[0]),
    ClientId = "emulator-client",
    ClientSecret = "emulator-client-secret",
    Username = "demo@flowerpower.local",
    Password = "demo-password",
};
var failures = new List<string>();
void Check(bool condition, string what)
{
    Console.WriteLine($"{(condition ? "ok  " : "FAIL")} {what}");
    if (!condition)
    {
        failures.Add(what);
    }
}

using (var client = new FlowerPowerClient(options))
{
    var profile = await client.GetProfileAsync();
    Check(profile.UserProfile?.NotificationCurfewStart == new TimeOnly(21, 0), "profile reads, curfew as TimeOnly");

    var status = await client.GetGardenStatusAsync();
    Check(status.Locations.Count == 5 && status.Locations[0].Light?.InstructionKey is not null, "status reads with instruction keys");

    var garden = await client.GetGardenConfigurationAsync();
    var samples = 0;
    await foreach (var _ in client.StreamSamplesAsync(garden.Locations[0].LocationIdentifier!, DateTimeOffset.UtcNow.AddDays(-25), DateTimeOffset.UtcNow))
    {
        samples++;
    }

    Check(samples > 2000, $"25 days of samples streamed through 10-day windows ({samples})");

    try
    {
        await client.GetSamplesAsync("no-such-place", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow);
        Check(false, "unknown location throws");
    }
    catch (FlowerPowerNotFoundException e)
    {
        Check(e.ErrorName == "UNKNOWN_LOCATION", "unknown location throws FlowerPowerNotFoundException");
    }
}

var services = new ServiceCollection().AddFlowerPowerCloud(o =>
{
    o.BaseAddress = options.BaseAddress;
    o.ClientId = options.ClientId;
    o.ClientSecret = options.ClientSecret;
    o.Username = options.Username;
    o.Password = options.Password;
}).Services;
await using (var provider = services.BuildServiceProvider())
{
    var versions = await provider.GetRequiredService<IFlowerPowerClient>().GetVersionsAsync();
    Check(versions.GardenStatusVersion > 0, "client from dependency injection works");
}

Console.WriteLine(failures.Count == 0 ? "Native AOT smoke: all checks passed" : $"Native AOT smoke: {failures.Count} failed");
return failures.Count == 0 ? 0 : 1;
