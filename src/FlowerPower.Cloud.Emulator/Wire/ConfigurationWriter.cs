using FlowerPower.Cloud.Emulator.Garden;

namespace FlowerPower.Cloud.Emulator.Wire;

/// <summary>Writes <c>/garden/v2/configuration</c>, shaped after the real captures.</summary>
internal static class ConfigurationWriter
{
    public static string Write(DemoGarden garden, bool includeS3Urls) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("locations");
        foreach (var plant in garden.Locations)
        {
            w.WriteStartObject();
            if (plant.HasSensor)
            {
                w.WriteStartObject("sensor");
                w.WriteString("firmware_version", WireFormat.FirmwareVersion);
                w.WriteString("sensor_serial", plant.SensorSerial);
                w.WriteString("sensor_identifier", plant.SensorName);
                w.WriteNumber("color", plant.Color);
                w.WriteString("hardware_revision", WireFormat.HardwareRevision);
                w.WriteString("calibration_data", "0000f6001900ffffffffa500ef025405d005df002802");
                w.WriteString("sensor_type", "flower-power");
                w.WriteString("nickname", plant.SensorName);
                w.WriteNull("system_id");
                w.Timestamp("assignment_datetime_utc", garden.HistoryStart);
                w.WriteStartObject("autowatering_cfg");
                w.WriteString("mode", "off");
                w.WriteEndObject();
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("sensor");
            }

            w.WriteString("plant_nickname", garden.NicknameOf(plant));
            w.WriteStartArray("plant_ids");
            if (plant.PlantId is long id)
            {
                w.WriteNumberValue(id);
            }

            w.WriteEndArray();
            w.Number("main_plant_id", plant.PlantId);
            w.Timestamp("plant_assigned_datetime_utc", plant.PlantId is null ? null : garden.HistoryStart);
            w.WriteStartObject("ignored_alerts");
            w.WriteBoolean("watering", false);
            w.WriteEndObject();
            w.WriteNull("in_pot");
            w.WriteBoolean("is_indoor", plant.IsIndoor);
            w.Number("longitude", plant.Longitude);
            w.Number("latitude", plant.Latitude);
            var image = plant.Index == 0 ? $"{plant.LocationIdentifier.ToLowerInvariant()}avatar" : null;
            w.WriteString("avatar_url", image ?? string.Empty);
            w.WriteStartArray("pictures");
            if (image is not null)
            {
                w.WriteStartObject();
                w.WriteString("url", includeS3Urls ? $"https://images.flowerpower.local/{plant.LocationIdentifier}/{image}" : image);
                w.WriteString("location_identifier", plant.LocationIdentifier);
                w.WriteString("image_identifier", image);
                w.WriteString("expires", garden.Now.AddYears(200).ToString("yyyy-MM-dd'T'HH:mm:ss+00:00", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("location_identifier", plant.LocationIdentifier);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.Envelope(garden.UserConfigVersion, garden.GardenStatusVersion);
        w.WriteEndObject();
    });
}
