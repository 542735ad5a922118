using System.Text.Json;

namespace FlowerPower.Cloud.Wire.Writers;

/// <summary>
/// Writes <c>/garden/v1/status</c>: gauges, status and instruction keys follow from each location's latest samples
/// and its plant's thresholds, in the wire's vocabulary. A location without a live sensor keeps its history counts;
/// its keys and gauges are null.
/// </summary>
internal static class StatusWriter
{
    public static string Write(IReadOnlyList<LocationHistory> histories, CloudVersions versions) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.Envelope(versions);
        w.WriteStartArray("locations");
        foreach (var history in histories)
        {
            WriteLocation(w, history);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteLocation(Utf8JsonWriter w, LocationHistory history)
    {
        var plant = history.Location.Thresholds;
        var last = history.Latest?.CaptureTime;
        var live = history.IsLive;
        w.WriteStartObject();
        w.WriteString("location_identifier", history.Location.LocationIdentifier);
        w.WriteNumber("total_sample_count", history.TotalSampleCount);
        w.Timestamp("last_sample_upload", history.LastUploadUtc);
        w.Timestamp("first_sample_utc", last is null ? null : history.FirstSampleUtc);
        w.Timestamp("last_sample_utc", last);
        w.Timestamp("status_creation_datetime_utc", history.LastUploadUtc?.AddSeconds(2));
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

        var now = history.Latest!.Value;
        var temperature = Judge("air_temperature", now.AirTemperature, plant.TemperatureMin, plant.TemperatureMax);
        var light = Judge("light", history.DailyLight, plant.LightMin, plant.LightMax);
        var fertilizer = Judge("fertilizer", now.Fertilizer, plant.FertilizerMin, plant.FertilizerMax);
        Measurement(w, "air_temperature", temperature.Status, temperature.Instruction, (plant.TemperatureMin, plant.TemperatureMax), now.AirTemperature);
        Measurement(w, "light", light.Status, light.Instruction, (plant.LightMin, plant.LightMax), history.DailyLight);
        Measurement(w, "fertilizer", fertilizer.Status, fertilizer.Instruction, (plant.FertilizerMin, plant.FertilizerMax), now.Fertilizer);

        var (soilStatus, soilInstruction, predicted) = JudgeSoil(now.SoilMoisture, plant.MoistureMin, history.DryingPerDay, last!.Value);
        Watering(w, soilStatus, soilInstruction, plant.MoistureMin, now.SoilMoisture, predicted, plant.MoistureMin);

        var allGood = temperature.Status == "status_ok" && light.Status == "status_ok" && fertilizer.Status == "status_ok" && soilStatus == "status_ok";
        Sharing(w, allGood ? "to_be_shared" : "conditions_unmet");

        var sensor = history.Location.Sensor!;
        w.WriteStartObject("sensor");
        w.WriteString("sensor_type", "flower-power");
        w.WriteString("sensor_identifier", sensor.Identifier);
        w.WriteNumber("current_history_index", sensor.CurrentHistoryIndex);
        w.WriteString("firmware_version", sensor.FirmwareVersion);
        w.WriteStartObject("firmware_update");
        w.WriteBoolean("firmware_upgrade_available", false);
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject("battery");
        Gauge(w, 0, 100, now.Battery is { } battery ? Math.Round(battery) : null);
        w.WriteEndObject();
        w.WriteBoolean("processing_uploads", false);
        w.WriteEndObject();
    }

    /// <summary>A measure against its range; a measure the sensor did not give raises nothing.</summary>
    private static (string? Status, string? Instruction) Judge(string measure, double? value, double min, double max) =>
        value is not { } v ? (null, null)
        : v < min ? ("status_warning", measure + "_too_low")
        : v > max ? ("status_warning", measure + "_too_high")
        : ("status_ok", measure + "_good");

    /// <summary>
    /// The soil against its minimum: too dry now is critical; dry within two days at the rate it lately dried is a
    /// predicted action, with the time it will reach the minimum.
    /// </summary>
    private static (string? Status, string? Instruction, DateTimeOffset? Predicted) JudgeSoil(
        double? moisture, double minimum, double? dryingPerDay, DateTimeOffset last)
    {
        if (moisture is not { } m)
        {
            return (null, null, null);
        }

        var rate = Math.Max(0.5, dryingPerDay ?? 3);
        var daysLeft = (m - minimum) / rate;
        var predicted = last.AddDays(Math.Clamp(daysLeft, 0, 365));
        return m < minimum ? ("status_critical", "soil_moisture_too_low", predicted)
            : daysLeft < 2 ? ("predicted_action", "soil_moisture_prediction", predicted)
            : ("status_ok", "soil_moisture_good", predicted);
    }

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
