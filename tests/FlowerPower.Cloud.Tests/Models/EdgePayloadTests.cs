using System.Text.Json;
using FlowerPower.Cloud.Api;

namespace FlowerPower.Cloud.Tests.Models;

/// <summary>Payloads of our own at the edges of what the wire allowed.</summary>
public sealed class EdgePayloadTests
{
    [Fact]
    public void Nulls_everywhere_the_wire_allows_them_read_as_null_and_collections_stay_empty()
    {
        const string json = """
            {"locations":[{"location_identifier":"x","sensor":null,"plant_ids":null,"pictures":null,"main_plant_id":null,
              "in_pot":null,"is_indoor":null,"latitude":null,"longitude":null,"plant_assigned_datetime_utc":null}],
             "errors":null,"server_identifier":null,"user_config_version":null,"garden_status_version":null}
            """;

        var garden = JsonSerializer.Deserialize(json, FlowerPowerJsonContext.Default.GardenConfigurationResponse)!;

        var location = Assert.Single(garden.Locations);
        Assert.Null(location.Sensor);
        Assert.Empty(location.PlantIds);
        Assert.Empty(location.Pictures);
        Assert.Null(location.Latitude);
        Assert.Empty(garden.Errors);
        Assert.Null(garden.UserConfigVersion);
    }

    [Fact]
    public void Null_locations_and_samples_read_as_empty_lists()
    {
        Assert.Empty(JsonSerializer.Deserialize("""{"locations":null}""", FlowerPowerJsonContext.Default.GardenStatusResponse)!.Locations);
        var samples = JsonSerializer.Deserialize("""{"samples":null,"watering_events":null}""", FlowerPowerJsonContext.Default.SamplesResponse)!;
        Assert.Empty(samples.Samples);
        Assert.Empty(samples.WateringEvents);
    }

    [Fact]
    public void Status_location_whose_sensor_was_removed_reads_with_null_keys_and_gauges()
    {
        const string json = """
            {"locations":[{"location_identifier":"gone","total_sample_count":12,
              "air_temperature":{"status_key":null,"instruction_key":null,"gauge_values":{"min_threshold":null,"max_threshold":null,"current_value":null}},
              "light":null,"fertilizer":{"status_key":null,"instruction_key":null,"gauge_values":null},"battery":{"gauge_values":{"current_value":null}}}]}
            """;

        var location = Assert.Single(JsonSerializer.Deserialize(json, FlowerPowerJsonContext.Default.GardenStatusResponse)!.Locations);

        Assert.Equal(12, location.TotalSampleCount);
        Assert.Null(location.AirTemperature!.StatusKey);
        Assert.Null(location.AirTemperature.InstructionKey);
        Assert.Null(location.AirTemperature.GaugeValues!.CurrentValue);
        Assert.Null(location.Light);
        Assert.Null(location.Battery!.GaugeValues!.CurrentValue);
    }

    [Fact]
    public void Whole_floats_and_numeric_strings_read_into_integer_properties()
    {
        const string json = """
            {"locations":[{"location_identifier":"x","total_sample_count":6527.0,"sensor":{"current_history_index":"6528"}}],
             "user_config_version":"149","garden_status_version":327.0}
            """;

        var status = JsonSerializer.Deserialize(json, FlowerPowerJsonContext.Default.GardenStatusResponse)!;

        Assert.Equal(6527, status.Locations[0].TotalSampleCount);
        Assert.Equal(6528, status.Locations[0].Sensor!.CurrentHistoryIndex);
        Assert.Equal(149, status.UserConfigVersion);
        Assert.Equal(327, status.GardenStatusVersion);
    }

    [Fact]
    public void A_fractional_number_where_a_count_is_expected_is_a_clear_json_error()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(
            """{"locations":[{"total_sample_count":12.5}]}""", FlowerPowerJsonContext.Default.GardenStatusResponse));

        Assert.Contains("12.5", error.Message, StringComparison.Ordinal);
        Assert.Contains("total_sample_count", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Integers_and_floats_both_read_into_measurements()
    {
        const string json = """{"samples":[{"light":3,"fertilizer_level":0.89,"battery_percent":82,"soil_moisture_percent":"18.41"}]}""";

        var sample = Assert.Single(JsonSerializer.Deserialize(json, FlowerPowerJsonContext.Default.SamplesResponse)!.Samples);

        Assert.Equal(3, sample.Light);
        Assert.Equal(0.89, sample.FertilizerLevel);
        Assert.Equal(82, sample.BatteryPercent);
        Assert.Equal(18.41, sample.SoilMoisturePercent);
    }

    [Theory]
    [InlineData("2018-10-14T15:21:40Z")]
    [InlineData("2018-10-14T15:21:40+00:00")]
    [InlineData("2018-10-14T17:21:40+02:00")]
    [InlineData("2018-10-14 15:21:40")]
    [InlineData("2018-10-14T15:21:40")]
    public void Every_timestamp_form_the_cloud_used_reads_as_the_same_instant(string wire)
    {
        var sample = Assert.Single(JsonSerializer.Deserialize(
            $$"""{"samples":[{"capture_datetime_utc":"{{wire}}"}]}""", FlowerPowerJsonContext.Default.SamplesResponse)!.Samples);

        Assert.Equal(new DateTimeOffset(2018, 10, 14, 15, 21, 40, TimeSpan.Zero), sample.CaptureDatetimeUtc);
    }

    [Fact]
    public void Python_style_timestamp_with_microseconds_reads_as_utc()
    {
        var sample = Assert.Single(JsonSerializer.Deserialize(
            """{"samples":[{"capture_datetime_utc":"2019-01-01 12:00:00.123456"}]}""", FlowerPowerJsonContext.Default.SamplesResponse)!.Samples);

        Assert.Equal(new DateTimeOffset(2019, 1, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1234560), sample.CaptureDatetimeUtc);
    }

    [Fact]
    public void Unknown_status_instruction_and_sharing_values_stay_readable()
    {
        const string json = """
            {"locations":[{"light":{"status_key":"status_new_kind","instruction_key":"light_way_too_dim"},
              "user_sharing":{"first_all_green":{"sharing_status":"shared_twice"}}}]}
            """;

        var location = Assert.Single(JsonSerializer.Deserialize(json, FlowerPowerJsonContext.Default.GardenStatusResponse)!.Locations);

        Assert.Equal("status_new_kind", location.Light!.StatusKey!.Value.Value);
        Assert.False(location.Light.StatusKey.Value.IsKnown);
        Assert.Equal("light_way_too_dim", location.Light.InstructionKey!.Value.ToString());
        Assert.Equal(new SharingStatus("shared_twice"), location.UserSharing!.FirstAllGreen!.SharingStatus);
        Assert.True(StatusKey.StatusOk.IsKnown);
        Assert.True(InstructionKey.AutomaticWateringUnkwownError.IsKnown);
    }

    [Fact]
    public void Unknown_fields_are_kept_as_extension_data_at_every_level()
    {
        const string json = """
            {"new_top":1,"samples":[{"capture_datetime_utc":"2019-01-01T00:00:00Z","ph":6.5}],
             "errors":[{"error_code":1,"error_message":"m","hint":"h"}]}
            """;

        var response = JsonSerializer.Deserialize(json, FlowerPowerJsonContext.Default.SamplesResponse)!;

        Assert.Equal(1, response.AdditionalProperties["new_top"].GetInt32());
        Assert.Equal(6.5, response.Samples[0].AdditionalProperties["ph"].GetDouble());
        Assert.Equal("h", response.Errors[0].AdditionalProperties["hint"].GetString());
        Assert.Contains("\"ph\":6.5", JsonSerializer.Serialize(response, FlowerPowerJsonContext.Default.SamplesResponse), StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_arrays_read_as_empty_lists()
    {
        var garden = JsonSerializer.Deserialize(
            """{"locations":[{"plant_ids":[],"pictures":[]}],"errors":[]}""", FlowerPowerJsonContext.Default.GardenConfigurationResponse)!;

        Assert.Empty(garden.Locations[0].PlantIds);
        Assert.Empty(garden.Locations[0].Pictures);
        Assert.Empty(garden.Errors);
    }

    [Fact]
    public void Booleans_sent_as_strings_or_bits_read_as_booleans()
    {
        var profile = JsonSerializer.Deserialize(
            """{"user_profile":{"use_lux":"true","use_mol":0,"scientist":1}}""", FlowerPowerJsonContext.Default.UserProfileResponse)!.UserProfile!;

        Assert.True(profile.UseLux);
        Assert.False(profile.UseMol);
        Assert.True(profile.Scientist);
    }

    [Fact]
    public void Authentication_response_never_shows_its_tokens()
    {
        var response = new AuthenticationResponse { AccessToken = "secret-access", RefreshToken = "secret-refresh", ExpiresIn = 10 };

        Assert.DoesNotContain("secret", response.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Null_elements_of_lists_are_dropped_so_no_caller_meets_a_null_item()
    {
        var samples = JsonSerializer.Deserialize(
            """{"samples":[null,{"capture_datetime_utc":"2019-01-01T00:00:00Z"}],"errors":[null]}""", FlowerPowerJsonContext.Default.SamplesResponse)!;
        var status = JsonSerializer.Deserialize("""{"locations":[null]}""", FlowerPowerJsonContext.Default.GardenStatusResponse)!;

        Assert.Single(samples.Samples);
        Assert.Empty(samples.Errors);
        Assert.Empty(status.Locations);
    }
}
