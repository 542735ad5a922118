using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using FlowerPower.Cloud.Api;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Models;

public sealed class RealFixtureTests
{
    public static TheoryData<string> CurrentApiFixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Fixtures.RealFiles.Select(Path.GetFileName))
        {
            if (!file!.StartsWith("legacy_", StringComparison.Ordinal))
            {
                data.Add(file);
            }
        }

        return data;
    }

    [Fact]
    public void Repository_copy_holds_every_shared_fixture()
    {
        var shared = Fixtures.RequireShared("fixtures", "real");
        foreach (var file in Directory.EnumerateFiles(shared, "*.json"))
        {
            var copy = Path.Combine(Fixtures.RealDirectory, Path.GetFileName(file));
            Assert.True(File.Exists(copy), $"{Path.GetFileName(file)} is not copied into tests/fixtures/real");
            Assert.Equal(File.ReadAllText(file), File.ReadAllText(copy));
        }
    }

    [Fact]
    public void Every_current_api_fixture_is_covered()
    {
        Assert.Equal(8, CurrentApiFixtures().Count);
    }

    [Theory]
    [MemberData(nameof(CurrentApiFixtures))]
    public void Fixture_reads_without_losing_a_value(string file)
    {
        var json = Fixtures.Read(file);
        var typeInfo = TypeInfoFor(file);
        var model = JsonSerializer.Deserialize(json, typeInfo)!;

        var written = JsonNode.Parse(JsonSerializer.Serialize(model, typeInfo))!;
        var original = JsonNode.Parse(json)!;
        AssertContains(original, written, "$");
    }

    [Theory]
    [MemberData(nameof(CurrentApiFixtures))]
    public void Every_field_of_a_real_fixture_has_a_typed_property(string file)
    {
        var model = JsonSerializer.Deserialize(Fixtures.Read(file), TypeInfoFor(file))!;
        var untyped = new List<string>();
        CollectExtensionData(model, "$", untyped);
        Assert.Empty(untyped);
    }

    [Fact]
    public void Status_fixture_reads_into_typed_values()
    {
        var status = JsonSerializer.Deserialize(
            Fixtures.Read("exemplar_garden_v1_status_one_location_with_plant.json"),
            FlowerPowerJsonContext.Default.GardenStatusResponse)!;

        var location = Assert.Single(status.Locations);
        Assert.Equal("KEfSXmUaCR1539362441969", location.LocationIdentifier);
        Assert.Equal(6426, location.TotalSampleCount);
        Assert.Equal(new DateTimeOffset(2018, 12, 18, 15, 16, 29, TimeSpan.Zero), location.LastSampleUpload);
        Assert.Equal(StatusKey.StatusWarning, location.AirTemperature!.StatusKey);
        Assert.Equal(InstructionKey.AirTemperatureTooLow, location.AirTemperature.InstructionKey);
        Assert.Equal(7, location.AirTemperature.GaugeValues!.MinThreshold);
        Assert.Equal(1.88899886185113, location.AirTemperature.GaugeValues.CurrentValue);
        Assert.Equal(1.5, location.Fertilizer!.GaugeValues!.MinThreshold);
        Assert.Null(location.Watering!.SoilMoisture!.GaugeValues!.MaxThreshold);
        Assert.Equal(29.74056716, location.Watering.SoilMoisture.PredictedActionVwcValue);
        Assert.Equal(InstructionKey.AutomaticWateringOff, location.Watering.AutomaticWatering!.InstructionKey);
        Assert.Equal(SharingStatus.ConditionsUnmet, location.UserSharing!.FirstAllGreen!.SharingStatus);
        Assert.Equal(6427, location.Sensor!.CurrentHistoryIndex);
        Assert.False(location.Sensor.FirmwareUpdate!.FirmwareUpgradeAvailable);
        Assert.Equal(75, location.Battery!.GaugeValues!.CurrentValue);
        Assert.Equal(149, status.UserConfigVersion);
        Assert.Empty(status.Errors);
    }

    [Fact]
    public void Configuration_fixture_reads_null_sensor_integer_coordinates_and_offset_timestamps()
    {
        var garden = JsonSerializer.Deserialize(
            Fixtures.Read("barnabas_configuration.json"),
            FlowerPowerJsonContext.Default.GardenConfigurationResponse)!;

        Assert.Equal(47, garden.Locations.Count);
        Assert.Contains(garden.Locations, l => l.Sensor is null);
        Assert.Contains(garden.Locations, l => l.Latitude == 0 && l.Longitude == 0);
        var picture = garden.Locations.SelectMany(l => l.Pictures).First();
        Assert.Equal(TimeSpan.Zero, picture.Expires!.Value.Offset);
        Assert.Equal(2219, picture.Expires.Value.Year);
    }

    [Fact]
    public void Profile_and_samples_fixtures_read_into_typed_values()
    {
        var profile = JsonSerializer.Deserialize(Fixtures.Read("barnabas_profile.json"), FlowerPowerJsonContext.Default.UserProfileResponse)!;
        Assert.Equal("hu", profile.UserProfile!.LanguageIso639);
        Assert.Equal(new TimeOnly(21, 0), profile.UserProfile.NotificationCurfewStart);
        Assert.True(profile.UserProfile.UseLux);
        Assert.Equal("samsung (samsung)", profile.UserProfile.DeviceBrand);

        var data = JsonSerializer.Deserialize(Fixtures.Read("barnabas_data.json"), FlowerPowerJsonContext.Default.SamplesResponse)!;
        Assert.Equal(3, data.Samples.Count);
        Assert.Equal(23.85, data.Samples[0].CalibratedSoilMoisturePercent);
        Assert.Equal(82, data.Samples[0].BatteryPercent);
        Assert.Empty(data.WateringEvents);
        Assert.Equal(new DateTimeOffset(2018, 12, 14, 15, 3, 21, TimeSpan.Zero), data.FirstNotDefinitiveValueDatetimeUtc);
    }

    internal static JsonTypeInfo TypeInfoFor(string file) => file switch
    {
        _ when file.Contains("profile", StringComparison.Ordinal) => FlowerPowerJsonContext.Default.UserProfileResponse,
        _ when file.Contains("configuration", StringComparison.Ordinal) => FlowerPowerJsonContext.Default.GardenConfigurationResponse,
        _ when file.Contains("status", StringComparison.Ordinal) => FlowerPowerJsonContext.Default.GardenStatusResponse,
        _ when file.Contains("data", StringComparison.Ordinal) => FlowerPowerJsonContext.Default.SamplesResponse,
        _ => throw new ArgumentException($"No model for {file}"),
    };

    /// <summary>Every value of <paramref name="original"/> stands in <paramref name="written"/>, equal as JSON.</summary>
    internal static void AssertContains(JsonNode? original, JsonNode? written, string path)
    {
        switch (original)
        {
            case null:
                Assert.True(written is null, $"{path}: null was written as {written?.ToJsonString()}");
                return;
            case JsonObject obj:
                var writtenObj = Assert.IsType<JsonObject>(written, exactMatch: false);
                foreach (var (name, value) in obj)
                {
                    Assert.True(value is null || writtenObj.ContainsKey(name), $"{path}.{name} was lost");
                    AssertContains(value, writtenObj[name], $"{path}.{name}");
                }

                return;
            case JsonArray array:
                var writtenArray = Assert.IsType<JsonArray>(written, exactMatch: false);
                Assert.Equal(array.Count, writtenArray.Count);
                for (var i = 0; i < array.Count; i++)
                {
                    AssertContains(array[i], writtenArray[i], $"{path}[{i}]");
                }

                return;
            case JsonValue value:
                Assert.True(written is JsonValue, $"{path}: {value.ToJsonString()} became {written?.ToJsonString()}");
                var a = value.GetValue<JsonElement>();
                var b = ((JsonValue)written!).GetValue<JsonElement>();
                if (a.ValueKind == JsonValueKind.Number)
                {
                    Assert.True(b.ValueKind == JsonValueKind.Number, $"{path}: number became {b.ValueKind}");
                    Assert.Equal(a.GetDouble(), b.GetDouble());
                }
                else if (a.ValueKind == JsonValueKind.String && b.ValueKind == JsonValueKind.String &&
                         a.GetString() != b.GetString() &&
                         DateTimeOffset.TryParse(a.GetString(), out var x) && DateTimeOffset.TryParse(b.GetString(), out var y))
                {
                    Assert.Equal(x, y);
                }
                else
                {
                    Assert.Equal(a.GetRawText(), b.GetRawText());
                }

                return;
        }
    }

    internal static void CollectExtensionData(object? model, string path, List<string> found)
    {
        if (model is null || model is string || model.GetType().IsPrimitive || model is JsonElement)
        {
            return;
        }

        if (model is FlowerPowerModel typed)
        {
            found.AddRange(typed.AdditionalProperties.Keys.Select(k => $"{path}.{k}"));
            foreach (var property in model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.Name != nameof(FlowerPowerModel.AdditionalProperties))
                {
                    CollectExtensionData(property.GetValue(model), $"{path}.{property.Name}", found);
                }
            }
        }
        else if (model is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                CollectExtensionData(item, $"{path}[{i++}]", found);
            }
        }
    }
}
