using System.Globalization;
using FlowerPower.Cloud.Emulator;

// dotnet run --project src/FlowerPower.Cloud.Emulator -- --urls http://127.0.0.1:5080 [--seed 42] [--token-lifetime 172800]
var options = new FlowerPowerEmulatorOptions { Urls = "http://127.0.0.1:5080" };
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--urls":
            options.Urls = args[i + 1];
            break;
        case "--seed":
            options.Seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--token-lifetime":
            options.TokenLifetime = TimeSpan.FromSeconds(double.Parse(args[i + 1], CultureInfo.InvariantCulture));
            break;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}. Options: --urls URL, --seed N, --token-lifetime SECONDS");
            return 2;
    }
}

await using var emulator = await FlowerPowerEmulator.StartAsync(options);
Console.WriteLine($"Flower Power Cloud emulator listening on {emulator.BaseAddress}");
Console.WriteLine($"  client id:     {DemoAccount.ClientId}");
Console.WriteLine($"  client secret: {DemoAccount.ClientSecret}");
Console.WriteLine($"  username:      {DemoAccount.Username}");
Console.WriteLine($"  password:      {DemoAccount.Password}");
Console.WriteLine($"  locations:     {string.Join(", ", emulator.LocationIdentifiers)}");
Console.WriteLine("Press Ctrl+C to stop.");
await emulator.WaitForShutdownAsync();
return 0;
