using System.Globalization;

namespace FlowerPower.Cloud.Wire.Writers;

/// <summary>Writes <c>/garden/v2/configuration</c>, shaped after the real captures.</summary>
internal static class ConfigurationWriter
{
    public static string Write(IReadOnlyList<CloudLocation> locations, CloudVersions versions, bool includeS3Urls, DateTimeOffset now) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("locations");
        foreach (var location in locations)
        {
            w.WriteStartObject();
            if (location.Sensor is { } sensor)
            {
                w.WriteStartObject("sensor");
                w.WriteString("firmware_version", sensor.FirmwareVersion);
                w.WriteString("sensor_serial", sensor.Serial);
                w.WriteString("sensor_identifier", sensor.Identifier);
                w.WriteNumber("color", sensor.Color);
                w.WriteString("hardware_revision", sensor.HardwareRevision);
                w.WriteString("calibration_data", sensor.CalibrationData);
                w.WriteString("sensor_type", "flower-power");
                w.WriteString("nickname", sensor.Identifier);
                w.WriteNull("system_id");
                w.Timestamp("assignment_datetime_utc", sensor.AssignedAt);
                w.WriteStartObject("autowatering_cfg");
                w.WriteString("mode", "off");
                w.WriteEndObject();
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("sensor");
            }

            w.WriteString("plant_nickname", location.PlantNickname);
            w.WriteStartArray("plant_ids");
            if (location.PlantId is long id)
            {
                w.WriteNumberValue(id);
            }

            w.WriteEndArray();
            w.Number("main_plant_id", location.PlantId);
            w.Timestamp("plant_assigned_datetime_utc", location.PlantId is null ? null : location.PlantAssignedAt);
            w.WriteStartObject("ignored_alerts");
            w.WriteBoolean("watering", false);
            w.WriteEndObject();
            w.WriteNull("in_pot");
            w.WriteBoolean("is_indoor", location.IsIndoor);
            w.Number("longitude", location.Longitude);
            w.Number("latitude", location.Latitude);
            var image = location.AvatarImage;
            w.WriteString("avatar_url", image ?? string.Empty);
            w.WriteStartArray("pictures");
            if (image is not null)
            {
                w.WriteStartObject();
                w.WriteString("url", includeS3Urls ? $"https://images.flowerpower.local/{location.LocationIdentifier}/{image}" : image);
                w.WriteString("location_identifier", location.LocationIdentifier);
                w.WriteString("image_identifier", image);
                w.WriteString("expires", now.AddYears(200).ToString("yyyy-MM-dd'T'HH:mm:ss+00:00", CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("location_identifier", location.LocationIdentifier);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.Envelope(versions);
        w.WriteEndObject();
    });
}
