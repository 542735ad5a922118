using FlowerPower.Cloud.Emulator.Garden;

namespace FlowerPower.Cloud.Emulator.Wire;

/// <summary>Writes <c>/sensor_data/v6/sample/location/{id}</c>, shaped after the real capture.</summary>
internal static class SamplesWriter
{
    public static string Write(DemoGarden garden, PlantSpec plant, DateTimeOffset from, DateTimeOffset to) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("samples");
        foreach (var sample in garden.Samples(plant, from, to))
        {
            w.WriteStartObject();
            w.Timestamp("capture_datetime_utc", sample.CaptureTime);
            w.WriteNumber("light", sample.Light);
            w.WriteNumber("fertilizer_level", sample.Fertilizer);
            w.WriteNumber("air_temperature_celsius", sample.AirTemperature);
            w.WriteNumber("soil_moisture_percent", sample.SoilMoisture);
            w.WriteNumber("battery_percent", sample.Battery);
            w.WriteNumber("water_tank_level_percent", 0);
            w.WriteNumber("calibrated_soil_moisture_percent", sample.CalibratedSoilMoisture);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("watering_events");
        foreach (var watering in garden.Waterings(plant, from, to))
        {
            w.WriteStartObject();
            w.Timestamp("watering_datetime_utc", watering);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.Timestamp("first_not_definitive_value_datetime_utc", garden.LastSample(plant)?.AddDays(-7));
        w.Envelope(garden.UserConfigVersion, garden.GardenStatusVersion);
        w.WriteEndObject();
    });
}
