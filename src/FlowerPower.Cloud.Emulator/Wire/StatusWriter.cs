using System.Text.Json;
using FlowerPower.Cloud.Emulator.Garden;

namespace FlowerPower.Cloud.Emulator.Wire;

/// <summary>
/// Writes <c>/garden/v1/status</c>: gauges, status and instruction keys follow from the latest samples and the
/// plant's thresholds. A location whose sensor was removed keeps its history counts; its keys and gauges are null.
/// </summary>
internal static class StatusWriter
{
    public static string Write(DemoGarden garden) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.Envelope(garden.UserConfigVersion, garden.GardenStatusVersion);
        w.WriteStartArray("locations");
        foreach (var plant in garden.Locations)
        {
            WriteLocation(w, garden, plant);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteLocation(Utf8JsonWriter w, DemoGarden garden, PlantSpec plant)
    {
        var last = garden.LastSample(plant);
        var live = plant.HasSensor && last is not null;
        w.WriteStartObject();
        w.WriteString("location_identifier", plant.LocationIdentifier);
        w.WriteNumber("total_sample_count", garden.SampleCount(plant));
        w.Timestamp("last_sample_upload", last?.AddMinutes(9).AddSeconds(7));
        w.Timestamp("first_sample_utc", last is null ? null : garden.FirstSample(plant));
        w.Timestamp("last_sample_utc", last);
        w.Timestamp("status_creation_datetime_utc", last?.AddMinutes(9).AddSeconds(9));
        w.Timestamp("global_validity_datetime_utc", live ? last!.Value.AddDays(2) : null);
        w.WriteBoolean("growth_day", true);

        if (!live)
        {
            Measurement(w, "air_temperature", null, null, null, null);
            Measurement(w, "light", null, null, null, null);
            Measurement(w, "fertilizer", null, null, null, null);
            Watering(w, null, null, null, null, null, null);
            Sharing(w, "conditions_unmet");
            w.WriteEndObject();
            return;
        }

        var now = garden.At(plant, last!.Value);
        var day = garden.Samples(plant, last.Value.AddDays(-1).AddSeconds(1), last.Value).ToList();
        var dailyLight = day.Average(s => s.Light);

        var temperature = Judge("air_temperature", now.AirTemperature, plant.TemperatureMin, plant.TemperatureMax);
        var light = Judge("light", dailyLight, plant.LightMin, plant.LightMax);
        var fertilizer = Judge("fertilizer", now.Fertilizer, plant.FertilizerMin, plant.FertilizerMax);
        Measurement(w, "air_temperature", temperature.Status, temperature.Instruction, (plant.TemperatureMin, plant.TemperatureMax), now.AirTemperature);
        Measurement(w, "light", light.Status, light.Instruction, (plant.LightMin, plant.LightMax), dailyLight);
        Measurement(w, "fertilizer", fertilizer.Status, fertilizer.Instruction, (plant.FertilizerMin, plant.FertilizerMax), now.Fertilizer);

        var moisture = now.SoilMoisture;
        var daysLeft = (moisture - plant.MoistureMin) / plant.DryingPerDay;
        var predicted = last.Value.AddDays(Math.Max(0, daysLeft));
        var (soilStatus, soilInstruction) = moisture < plant.MoistureMin
            ? ("status_critical", "soil_moisture_too_low")
            : daysLeft < 2 ? ("predicted_action", "soil_moisture_prediction") : ("status_ok", "soil_moisture_good");
        Watering(w, soilStatus, soilInstruction, plant.MoistureMin, moisture, predicted, plant.MoistureMin);

        var allGood = temperature.Status == "status_ok" && light.Status == "status_ok" && fertilizer.Status == "status_ok" && soilStatus == "status_ok";
        Sharing(w, allGood ? "to_be_shared" : "conditions_unmet");

        w.WriteStartObject("sensor");
        w.WriteString("sensor_type", "flower-power");
        w.WriteString("sensor_identifier", plant.SensorName);
        w.WriteNumber("current_history_index", garden.SampleCount(plant) + 1);
        w.WriteString("firmware_version", WireFormat.FirmwareVersion);
        w.WriteStartObject("firmware_update");
        w.WriteBoolean("firmware_upgrade_available", false);
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject("battery");
        Gauge(w, 0, 100, now.Battery);
        w.WriteEndObject();
        w.WriteBoolean("processing_uploads", false);
        w.WriteEndObject();
    }

    private static (string Status, string Instruction) Judge(string measure, double value, double min, double max) =>
        value < min ? ("status_warning", measure + "_too_low")
        : value > max ? ("status_warning", measure + "_too_high")
        : ("status_ok", measure + "_good");

    private static void Measurement(Utf8JsonWriter w, string name, string? status, string? instruction, (double Min, double Max)? thresholds, double? current)
    {
        w.WriteStartObject(name);
        w.Text("status_key", status);
        w.Text("instruction_key", instruction);
        w.WriteNull("next_analysis_datetime_utc");
        w.WriteStartObject("gauge_values");
        w.Number("min_threshold", thresholds?.Min);
        w.Number("max_threshold", thresholds?.Max);
        w.Number("current_value", current);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Watering(Utf8JsonWriter w, string? status, string? instruction, double? min, double? current, DateTimeOffset? predicted, double? predictedValue)
    {
        w.WriteStartObject("watering");
        w.Text("status_key", status);
        w.Text("instruction_key", instruction);
        w.WriteStartObject("automatic_watering");
        w.Text("status_key", status is null ? null : "status_ok");
        w.Text("instruction_key", status is null ? null : "automatic_watering_off");
        w.WriteNull("predicted_action_datetime_utc");
        w.WriteNull("next_watering_datetime_utc");
        w.WriteNull("last_watering_datetime_utc");
        w.WriteNull("full_autonomy_days");
        w.WriteNull("done_action_datetime_utc");
        Gauge(w, 0, 100, status is null ? null : 0);
        w.WriteEndObject();
        w.WriteStartObject("soil_moisture");
        w.Text("status_key", status);
        w.Text("instruction_key", instruction);
        w.Timestamp("predicted_action_datetime_utc", predicted);
        w.Number("predicted_action_vwc_value", predicted is null ? null : predictedValue);
        w.WriteStartObject("gauge_values");
        w.Number("min_threshold", min);
        w.WriteNull("max_threshold");
        w.Number("current_value", current);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Gauge(Utf8JsonWriter w, double min, double max, double? current)
    {
        w.WriteStartObject("gauge_values");
        w.WriteNumber("min_threshold", min);
        w.WriteNumber("max_threshold", max);
        w.Number("current_value", current);
        w.WriteEndObject();
    }

    private static void Sharing(Utf8JsonWriter w, string status)
    {
        w.WriteStartObject("user_sharing");
        w.WriteStartObject("first_all_green");
        w.WriteString("sharing_status", status);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
