using FlowerPower.Cloud.Samples.AspNet;

// dotnet run --project samples/FlowerPower.Cloud.Samples.AspNet   (the emulator in Development when no credentials are set)
await using var app = await GardenApp.BuildAsync(args);
await app.RunAsync();
