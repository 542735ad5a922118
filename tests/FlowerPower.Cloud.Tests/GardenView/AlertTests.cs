using System.Text.Json;
using FlowerPower.Cloud.Api;
using FlowerPower.Cloud.GardenView;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.GardenView;

/// <summary>Alerts as the Flower Power app raised them, from the real status captures.</summary>
public sealed class AlertTests
{
    [Fact]
    public void The_barnabas_garden_raises_exactly_what_its_status_keys_say()
    {
        var alerts = Build("barnabas_configuration.json", "barnabas_status.json").Alerts;

        Assert.Equal(17, alerts.Count(a => a is { Kind: PlantAlertKind.Watering, Severity: PlantAlertSeverity.Critical }));
        Assert.Equal(11, alerts.Count(a => a is { Kind: PlantAlertKind.Watering, Severity: PlantAlertSeverity.Predicted }));
        Assert.Equal(33, alerts.Count(a => a is { Kind: PlantAlertKind.Light, Severity: PlantAlertSeverity.Warning }));
        Assert.Equal(26, alerts.Count(a => a is { Kind: PlantAlertKind.AirTemperature, Severity: PlantAlertSeverity.Warning }));
        Assert.Equal(24, alerts.Count(a => a is { Kind: PlantAlertKind.Fertilizer, Severity: PlantAlertSeverity.Warning }));
        Assert.Equal(17 + 11 + 33 + 26 + 24, alerts.Count);
        Assert.All(alerts, a => Assert.False(string.IsNullOrWhiteSpace(a.Message)));
        Assert.All(alerts, a => Assert.NotNull(a.PlantNickname));
    }

    [Fact]
    public void A_garden_where_every_key_is_status_ok_raises_nothing()
    {
        Assert.Empty(Build("bela_configuration.json", "bela_status.json").Alerts);
    }

    [Fact]
    public void Messages_say_what_to_do_with_the_gauges_in_them()
    {
        var status = Status("""
            {"locations":[{"location_identifier":"L1",
              "watering":{"status_key":"status_critical","instruction_key":"soil_moisture_too_low",
                "soil_moisture":{"status_key":"status_critical","instruction_key":"soil_moisture_too_low","gauge_values":{"min_threshold":15,"max_threshold":null,"current_value":6.2}}},
              "light":{"status_key":"status_warning","instruction_key":"light_too_low","gauge_values":{"min_threshold":10,"max_threshold":99,"current_value":2.51}},
              "air_temperature":{"status_key":"status_warning","instruction_key":"air_temperature_too_high","gauge_values":{"min_threshold":10,"max_threshold":32,"current_value":35.4}},
              "battery":{"gauge_values":{"min_threshold":0,"max_threshold":100,"current_value":8}}}],"errors":[]}
            """);

        var alerts = GardenBuilder.Build(Configuration("""{"locations":[{"location_identifier":"L1","plant_nickname":"Basil"}],"errors":[]}"""), status, Scientist, 10).Alerts;

        Assert.Equal("Water now: the soil is too dry (6 %, needs 15 %)", alerts.Single(a => a.Kind == PlantAlertKind.Watering).Message);
        Assert.Equal("Move it somewhere brighter: too little light (2.5 mol/m²/day, needs 10.0 mol/m²/day)", alerts.Single(a => a.Kind == PlantAlertKind.Light).Message);
        Assert.Equal("Too hot for it (35.4 °C, at most 32.0 °C)", alerts.Single(a => a.Kind == PlantAlertKind.AirTemperature).Message);
        var battery = alerts.Single(a => a.Kind == PlantAlertKind.Battery);
        Assert.Equal(PlantAlertSeverity.Warning, battery.Severity);
        Assert.Null(battery.StatusKey);
        Assert.Equal("Replace the sensor's battery: 8 % left", battery.Message);
        Assert.All(alerts, a => Assert.Equal("Basil", a.PlantNickname));
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(7.9, false)]
    public void The_battery_threshold_is_an_option(double threshold, bool raised)
    {
        var status = Status("""{"locations":[{"location_identifier":"L1","battery":{"gauge_values":{"current_value":8}}}],"errors":[]}""");

        var alerts = GardenBuilder.Build(Configuration("""{"locations":[],"errors":[]}"""), status, null, threshold).Alerts;

        Assert.Equal(raised, alerts.Any(a => a.Kind == PlantAlertKind.Battery));
    }

    [Fact]
    public void A_status_key_the_sdk_does_not_know_gives_a_generic_alert_of_kind_other()
    {
        var status = Status("""{"locations":[{"location_identifier":"L1","light":{"status_key":"status_on_fire","instruction_key":"light_lasers"},"fertilizer":{"status_key":"waiting_data"}}],"errors":[]}""");

        var alert = Assert.Single(GardenBuilder.Build(Configuration("""{"locations":[],"errors":[]}"""), status, null, 10).Alerts);

        Assert.Equal(PlantAlertKind.Other, alert.Kind);
        Assert.Equal("status_on_fire", alert.StatusKey!.Value.Value);
        Assert.Contains("status_on_fire", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_predicted_watering_carries_the_predicted_time()
    {
        var garden = Build("exemplar_garden_v2_configuration_with_plant_and_null_sensor.json", "exemplar_garden_v1_status_one_location_with_plant.json");

        var watering = Assert.Single(garden.Alerts, a => a.Kind == PlantAlertKind.Watering);

        Assert.Equal(PlantAlertSeverity.Predicted, watering.Severity);
        Assert.NotNull(watering.PredictedActionDatetimeUtc);
        Assert.StartsWith("Water soon: the soil will be too dry by ", watering.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_join_keeps_locations_without_a_sensor_or_without_a_status()
    {
        var configuration = Configuration(Fixtures.Read("exemplar_garden_v2_configuration_with_plant_and_null_sensor.json"));
        var status = Status("""{"locations":[{"location_identifier":"ONLY-IN-STATUS","light":{"status_key":"status_warning","instruction_key":"light_too_low"}}],"errors":[]}""");

        var garden = GardenBuilder.Build(configuration, status, null, 10);

        Assert.Equal(3, garden.Plants.Count);
        var sensorless = garden.Plants.Single(p => p.Nickname == "Plant #47");
        Assert.Null(sensorless.SensorSerial);
        Assert.Null(sensorless.Status);
        Assert.Empty(sensorless.Alerts);
        Assert.NotNull(garden.Plants[0].SensorSerial);
        var statusOnly = garden.Find("ONLY-IN-STATUS")!;
        Assert.Equal("ONLY-IN-STATUS", statusOnly.Configuration.LocationIdentifier);
        Assert.Single(statusOnly.Alerts);
    }

    [Fact]
    public void Alerts_speak_the_profiles_units_and_time_zone()
    {
        var status = Status("""
            {"locations":[{"location_identifier":"L1",
              "watering":{"soil_moisture":{"status_key":"predicted_action","instruction_key":"soil_moisture_prediction",
                "predicted_action_datetime_utc":"2026-12-03T11:58:00Z","gauge_values":{"min_threshold":15,"current_value":31}}},
              "light":{"status_key":"status_warning","instruction_key":"light_too_low","gauge_values":{"min_threshold":3,"max_threshold":99,"current_value":0.3}},
              "air_temperature":{"status_key":"status_warning","instruction_key":"air_temperature_too_low","gauge_values":{"min_threshold":8,"max_threshold":32,"current_value":2.4}}}],"errors":[]}
            """);
        var owner = new UserProfile { UseLux = true, UseFahrenheit = true, UtcTimezone = "Europe/Budapest" };

        var alerts = GardenBuilder.Build(Configuration("""{"locations":[{"location_identifier":"L1","plant_nickname":"Fern"}],"errors":[]}"""), status, owner, 10).Alerts;

        Assert.Equal("Move it somewhere brighter: too little light (187 lux, needs 1,873 lux)", alerts.Single(a => a.Kind == PlantAlertKind.Light).Message);
        Assert.Equal("Too cold for it (36.3 °F, needs 46.4 °F)", alerts.Single(a => a.Kind == PlantAlertKind.AirTemperature).Message);
        Assert.Equal(
            "Water soon: the soil will be too dry by 2026-12-03 12:58 Europe/Budapest (31 %, needs 15 %)",
            alerts.Single(a => a.Kind == PlantAlertKind.Watering).Message);
    }

    [Theory]
    [InlineData(16.5, "17 %")]
    [InlineData(16.4, "16 %")]
    [InlineData(15.5, "16 %")]
    public void An_alert_quotes_the_reading_as_the_garden_table_shows_it(double moisture, string shown)
    {
        var gauge = $"{{\"min_threshold\":20,\"current_value\":{moisture.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}";
        var status = Status(
            """{"locations":[{"location_identifier":"L1","watering":{"soil_moisture":{"status_key":"status_warning","instruction_key":"soil_moisture_too_low","gauge_values":"""
            + gauge + "}}}]}");

        var alert = Assert.Single(GardenBuilder.Build(Configuration("""{"locations":[]}"""), status, null, 10).Alerts);

        Assert.Equal(shown, FlowerPowerUnits.FormatPercent(moisture));
        Assert.Equal($"Water now: the soil is too dry ({shown}, needs 20 %)", alert.Message);
    }

    [Fact]
    public void A_profile_without_a_known_time_zone_reads_times_in_utc()
    {
        var at = new DateTimeOffset(2026, 12, 3, 11, 58, 0, TimeSpan.Zero);

        Assert.Equal("2026-12-03 11:58 UTC", FlowerPowerUnits.FormatTime(at, new UserProfile { UtcTimezone = "Mars/Olympus_Mons" }));
        Assert.Equal("2026-12-03 11:58 UTC", FlowerPowerUnits.FormatTime(at, null));
        Assert.Equal("2026-12-03 12:58 Europe/Budapest", FlowerPowerUnits.FormatTime(at, new UserProfile { UtcTimezone = "Europe/Budapest" }));
    }

    private static readonly UserProfile Scientist = new() { UseMol = true };

    private static Garden Build(string configuration, string status) =>
        GardenBuilder.Build(Configuration(Fixtures.Read(configuration)), Status(Fixtures.Read(status)), null, 10);

    private static GardenConfigurationResponse Configuration(string json) =>
        JsonSerializer.Deserialize(json, FlowerPowerJsonContext.Default.GardenConfigurationResponse)!;

    private static GardenStatusResponse Status(string json) =>
        JsonSerializer.Deserialize(json, FlowerPowerJsonContext.Default.GardenStatusResponse)!;
}
