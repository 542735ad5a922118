using FlowerPower.Cloud.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FlowerPower.Cloud.Samples.Snippets;

/// <summary>
/// Every C# snippet of the README, as code that compiles. A test checks that each README snippet stands here
/// word for word, so the README cannot drift from the API.
/// </summary>
internal static class ReadmeSnippets
{
    /// <summary>The Quick start's one change for a real server (the Quick start itself is samples/FlowerPower.Cloud.QuickStart).</summary>
    public static async Task RealServerAsync()
    {
        // <real-server>
        using var client = new FlowerPowerClient(new FlowerPowerClientOptions
        {
            BaseAddress = new Uri("https://flowers.example.com/"),
            ClientId = "your-client-id", ClientSecret = "your-client-secret",
            Username = "you@example.com", Password = "your-password",
        });
        // </real-server>
        Console.WriteLine((await client.GetGardenAsync()).Plants.Count);
    }

    public static async Task<int> EmulatorAsync()
    {
        // <emulator>
        await using var emulator = await FlowerPowerEmulator.StartAsync();
        using var client = new FlowerPowerClient(emulator.CreateClientOptions());
        GardenConfigurationResponse garden = await client.GetGardenConfigurationAsync();
        Console.WriteLine($"{garden.Locations.Count} plants at {emulator.BaseAddress}");
        // </emulator>
        return garden.Locations.Count;
    }

    public static void DependencyInjection(string[] args)
    {
        // <dependency-injection>
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddFlowerPowerCloud(builder.Configuration.GetSection("FlowerPower"));

        var app = builder.Build();
        app.MapGet("/plants", async (IFlowerPowerClient client, CancellationToken ct) =>
            (await client.GetGardenStatusAsync(ct)).Locations.Select(l => l.LocationIdentifier));
        // </dependency-injection>
        app.Run();
    }

    public static async Task<int> HistoryAsync(IFlowerPowerClient client, string locationIdentifier, CancellationToken ct)
    {
        // <history>
        var to = DateTimeOffset.UtcNow;
        var from = to.AddDays(-365);

        SamplesResponse year = await client.GetSamplesAsync(locationIdentifier, from, to, ct);

        await foreach (Sample sample in client.StreamSamplesAsync(locationIdentifier, from, to, ct))
        {
            Console.WriteLine($"{sample.CaptureDatetimeUtc:u} {sample.SoilMoisturePercent} %");
        }
        // </history>
        return year.Samples.Count;
    }

    public static async Task HandlingErrorsAsync(IFlowerPowerClient client, string locationIdentifier, DateTimeOffset from, DateTimeOffset to)
    {
        // <handling-errors>
        try
        {
            SamplesResponse history = await client.GetSamplesAsync(locationIdentifier, from, to);
        }
        catch (FlowerPowerNotFoundException e)
        {
            Console.WriteLine($"No such location: {e.ErrorName} ({e.ErrorCode})");
        }
        catch (FlowerPowerAuthenticationException e)
        {
            Console.WriteLine($"Check the credentials: {e.OAuthError ?? e.Message}");
        }
        catch (FlowerPowerRateLimitException e)
        {
            Console.WriteLine($"Slow down; the server asked to wait {e.RetryAfter}");
        }
        catch (FlowerPowerApiException e)
        {
            Console.WriteLine($"The server said no: {e.ErrorName} ({e.ErrorCode}), HTTP {e.StatusCode}");
        }
        catch (FlowerPowerTransportException e) when (e.IsTimeout)
        {
            Console.WriteLine($"No answer in time after {e.Attempts} attempts");
        }
        // </handling-errors>
    }

    public static FlowerPowerClient Retries(string password)
    {
        // <retries>
        var options = new FlowerPowerClientOptions
        {
            ClientId = "your-client-id", ClientSecret = "your-client-secret",
            Username = "you@example.com", Password = password,
            Timeout = TimeSpan.FromSeconds(60),
            Retry = new FlowerPowerRetryOptions
            {
                MaxRetryAttempts = 5,
                Delay = TimeSpan.FromSeconds(2),
                MaxDelay = TimeSpan.FromSeconds(20),
                AttemptTimeout = TimeSpan.FromSeconds(15),
            },
        };
        // </retries>
        return new FlowerPowerClient(options);
    }

    public static FlowerPowerClient TokenStore(ITokenStore myDatabaseTokenStore)
    {
        // <token-store>
        var client = new FlowerPowerClient(
            new FlowerPowerClientOptions { ClientId = "your-client-id", ClientSecret = "your-client-secret", Username = "you@example.com" },
            tokenStore: myDatabaseTokenStore);
        // </token-store>
        return client;
    }

    public static async Task<int> GardenAsync(IFlowerPowerClient client, CancellationToken ct)
    {
        // <garden>
        Garden garden = await client.GetGardenAsync(ct);
        foreach (GardenPlant plant in garden.Plants)
        {
            double? light = plant.Status?.Light?.GaugeValues?.CurrentValue;
            Console.WriteLine($"{plant.Nickname}: {(light is { } l ? FlowerPowerUnits.FormatLight(l, garden.Profile) : "no light reading")}");
            foreach (PlantAlert alert in plant.Alerts)
            {
                Console.WriteLine($"  {alert.Severity}: {alert.Message}");
            }
        }
        // </garden>
        return garden.Plants.Count;
    }

    public static async Task WatchAsync(IFlowerPowerClient client, CancellationToken ct)
    {
        // <watch>
        await foreach (GardenChange change in client.WatchAsync(TimeSpan.FromMinutes(15), ct))
        {
            foreach (PlantAlert alert in change.RaisedAlerts)
            {
                Console.WriteLine($"new: {alert.PlantNickname}: {alert.Message}");
            }

            foreach (PlantAlert alert in change.ClearedAlerts)
            {
                Console.WriteLine($"done: {alert.PlantNickname}: {alert.Kind}");
            }
        }
        // </watch>
    }
}
