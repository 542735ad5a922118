using FlowerPower.Cloud;
using FlowerPower.Cloud.Emulator;

// In-process: the emulator package inside the user's own program.
await using (var emulator = await FlowerPowerEmulator.StartAsync())
{
    using var client = new FlowerPowerClient(emulator.CreateClientOptions());
    Garden garden = await client.GetGardenAsync();
    Console.WriteLine($"in-process emulator: {garden.Plants.Count} plants, {garden.Alerts.Count} alerts");
}

// Out of process: the flowerpower-emulator tool, at the address given.
if (args.Length == 1)
{
    using var client = new FlowerPowerClient(new FlowerPowerClientOptions
    {
        BaseAddress = new Uri(args[0]),
        ClientId = DemoAccount.ClientId, ClientSecret = DemoAccount.ClientSecret,
        Username = DemoAccount.Username, Password = DemoAccount.Password,
    });
    GardenStatusResponse status = await client.GetGardenStatusAsync();
    Console.WriteLine($"flowerpower-emulator tool: {status.Locations.Count} locations");
}
