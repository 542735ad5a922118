using FlowerPower.Cloud;
using FlowerPower.Cloud.Emulator;

// The Flower Power cloud is gone: the emulator serves its API here, with a demo garden. No account, no network.
await using var emulator = await FlowerPowerEmulator.StartAsync();
using var client = new FlowerPowerClient(emulator.CreateClientOptions());

Garden garden = await client.GetGardenAsync();
foreach (GardenPlant plant in garden.Plants)
{
    Console.WriteLine(plant);
}

foreach (PlantAlert alert in garden.Alerts)
{
    Console.WriteLine(alert);
}
