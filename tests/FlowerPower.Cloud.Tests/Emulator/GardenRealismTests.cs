using FlowerPower.Cloud.Emulator.Garden;
using Microsoft.Extensions.Time.Testing;

namespace FlowerPower.Cloud.Tests.Emulator;

/// <summary>
/// The demo garden looks like a real one through a whole year: light by season and window, weather on the balcony,
/// soil that dries along a slowing curve, all inside the ranges of wire-facts.md.
/// </summary>
public sealed class GardenRealismTests
{
    private static readonly DateTimeOffset Start = new(2025, 12, 31, 12, 0, 0, TimeSpan.Zero);

    private static DemoGarden Garden() => new(42, Start, 400, new FakeTimeProvider(Start));

    [Fact]
    public void Every_reading_of_every_plant_stays_in_the_wires_ranges_over_a_year()
    {
        var garden = Garden();
        foreach (var plant in garden.Locations.Where(p => p.HasSensor))
        {
            var year = garden.Samples(plant, Start.AddDays(-365), Start).ToList();
            Assert.InRange(year.Count, 365 * 96 - 2, 365 * 96 + 2);
            Assert.All(year, s => Assert.InRange(s.Light!.Value, 0.1, 104));
            Assert.All(year, s => Assert.InRange(s.AirTemperature!.Value, plant.IsIndoor ? 15 : -20, plant.IsIndoor ? 28 : 40));
            Assert.All(year, s => Assert.InRange(s.SoilMoisture!.Value, 0, 50));
            Assert.All(year, s => Assert.InRange(s.Fertilizer!.Value, 0, 10));
        }
    }

    [Fact]
    public void Indoor_plants_get_indoor_light_by_window_and_season_and_the_balcony_gets_the_sky()
    {
        var garden = Garden();
        foreach (var plant in garden.Locations.Where(p => p.HasSensor))
        {
            var june = DailyLight(garden, plant, new DateTimeOffset(2025, 6, 21, 0, 0, 0, TimeSpan.Zero));
            var december = DailyLight(garden, plant, new DateTimeOffset(2025, 12, 21, 0, 0, 0, TimeSpan.Zero));
            Assert.True(june > december * 2, $"{plant.PlantNickname}: June {june:F1}, December {december:F1} mol/m²/day");
            if (plant.IsIndoor)
            {
                Assert.InRange(june, 0.1, 15);
                Assert.InRange(december, 0.1, 15);
            }
            else
            {
                Assert.InRange(june, 10, 50);
            }
        }

        var monstera = garden.Locations.Single(p => p.PlantNickname.StartsWith("Monstera", StringComparison.Ordinal));
        var fern = garden.Locations.Single(p => p.PlantNickname.StartsWith("Fern", StringComparison.Ordinal));
        var midsummer = new DateTimeOffset(2025, 6, 21, 0, 0, 0, TimeSpan.Zero);
        Assert.True(DailyLight(garden, monstera, midsummer) > DailyLight(garden, fern, midsummer) * 3);
    }

    [Fact]
    public void The_balcony_is_cold_in_winter_warm_in_summer_and_swings_between_day_and_night()
    {
        var garden = Garden();
        var balcony = garden.Locations.Single(p => !p.IsIndoor && p.HasSensor);

        double Mean(int month) => garden.Samples(balcony, new DateTimeOffset(2025, month, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, month, 28, 0, 0, 0, TimeSpan.Zero))
            .Average(s => s.AirTemperature!.Value);

        Assert.InRange(Mean(1), -6, 6);
        Assert.InRange(Mean(7), 17, 28);
        Assert.InRange(Mean(11), 0, 12);
        var day = garden.Samples(balcony, new DateTimeOffset(2025, 7, 10, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 7, 11, 0, 0, 0, TimeSpan.Zero)).ToList();
        Assert.True(day.Max(s => s.AirTemperature!.Value) - day.Min(s => s.AirTemperature!.Value) > 4);
    }

    [Fact]
    public void Soil_dries_fast_when_wet_and_slower_as_it_dries_and_waterings_show_in_the_events()
    {
        var garden = Garden();
        var basil = garden.Locations.Single(p => p.PlantNickname.StartsWith("Basil", StringComparison.Ordinal));
        var watered = garden.Waterings(basil, Start.AddDays(-120), Start).First();

        double At(double days) => garden.Samples(basil, watered.AddDays(days), watered.AddDays(days).AddMinutes(15)).First().SoilMoisture!.Value;

        var firstDay = At(0.1) - At(1.1);
        var fifthDay = At(4.1) - At(5.1);
        Assert.True(firstDay > fifthDay * 2, $"lost {firstDay:F1} % on the first day, {fifthDay:F1} % on the fifth");
        Assert.True(At(0.1) > 35);
        Assert.True(At(20) < 10);
    }

    private static double DailyLight(DemoGarden garden, PlantSpec plant, DateTimeOffset day) =>
        Enumerable.Range(0, 7).Average(d => garden.Samples(plant, day.AddDays(d), day.AddDays(d + 1).AddSeconds(-1)).Average(s => s.Light!.Value));

    public static TheoryData<int> Months => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Months))]
    public async Task The_gardens_story_holds_in_every_season(int month)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, month, 14, 13, 0, 0, TimeSpan.Zero));
        await using var emulator = await FlowerPower.Cloud.Emulator.FlowerPowerEmulator.StartAsync(new FlowerPower.Cloud.Emulator.FlowerPowerEmulatorOptions { TimeProvider = time }, cancellationToken: ct);
        using var client = new FlowerPowerClient(emulator.CreateClientOptions(), timeProvider: time);

        var alerts = await client.GetAlertsAsync(ct);
        var garden = await client.GetGardenAsync(ct);

        Assert.Contains(alerts, a => a is { Kind: PlantAlertKind.Watering, Severity: PlantAlertSeverity.Critical } && a.PlantNickname!.StartsWith("Basil", StringComparison.Ordinal));
        Assert.Contains(alerts, a => a.Kind == PlantAlertKind.Light && a.PlantNickname!.StartsWith("Fern", StringComparison.Ordinal));
        Assert.Contains(alerts, a => a.Kind == PlantAlertKind.Battery && a.PlantNickname!.StartsWith("Tomatoes", StringComparison.Ordinal));
        Assert.Empty(garden.Plants.Single(p => p.Nickname!.StartsWith("Monstera", StringComparison.Ordinal)).Alerts);
    }
}
