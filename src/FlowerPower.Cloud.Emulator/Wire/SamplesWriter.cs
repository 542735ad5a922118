using FlowerPower.Cloud.Emulator.Cloud;

namespace FlowerPower.Cloud.Emulator.Wire;

/// <summary>Writes <c>/sensor_data/v6/sample/location/{id}</c>, shaped after the real capture.</summary>
internal static class SamplesWriter
{
    public static string Write(SampleWindow window, CloudVersions versions) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("samples");
        foreach (var sample in window.Samples)
        {
            w.WriteStartObject();
            w.Timestamp("capture_datetime_utc", sample.CaptureTime);
            w.Number("light", sample.Light);
            w.Number("fertilizer_level", sample.Fertilizer);
            w.Number("air_temperature_celsius", sample.AirTemperature);
            w.Number("soil_moisture_percent", sample.SoilMoisture);
            w.Number("battery_percent", sample.Battery);
            w.WriteNumber("water_tank_level_percent", 0);
            w.Number("calibrated_soil_moisture_percent", sample.CalibratedSoilMoisture);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("watering_events");
        foreach (var watering in window.Waterings)
        {
            w.WriteStartObject();
            w.Timestamp("watering_datetime_utc", watering);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.Timestamp("first_not_definitive_value_datetime_utc", window.FirstNotDefinitive);
        w.Envelope(versions);
        w.WriteEndObject();
    });
}
