using System.Text.Json;

namespace FlowerPower.Cloud.Server.HomeAssistant;

/// <summary>
/// A plant's Home Assistant discovery configs, as its MQTT integration documents them: one device per plant (named by
/// its nickname, identified by its location, Parrot's Flower Power with the sensor's serial and firmware), and an
/// entity for each reading, the last reading's time and a "needs attention" problem sensor whose attributes are the
/// plant's alerts. Every entity reads the plant's one state topic (<see cref="PlantState"/>) and the server's
/// availability. Unique ids come from the location identifier only, so they stay the same across restarts.
/// </summary>
internal static class DiscoveryConfigs
{
    private static readonly string Version = typeof(DiscoveryConfigs).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";

    public static IReadOnlyList<MqttMessage> For(GardenPlant plant, UserProfile? profile, MqttTopics topics)
    {
        var node = topics.Node(plant.LocationIdentifier);
        var configs = new List<MqttMessage>
        {
            Sensor(plant, topics, node, "soil_moisture", "Soil moisture", "moisture", "%", "measurement", null, null),
            Sensor(plant, topics, node, "air_temperature", "Air temperature", "temperature", FlowerPowerUnits.TemperatureUnit(profile), "measurement", null, null),
            Sensor(plant, topics, node, "light", "Light", null, "mol/m²/day", "measurement", null, "mdi:white-balance-sunny"),
        };
        if (plant.Status?.Fertilizer is not null)
        {
            configs.Add(Sensor(plant, topics, node, "fertilizer", "Fertilizer", "conductivity", "mS/cm", "measurement", null, null));
        }

        configs.Add(Sensor(plant, topics, node, "battery", "Battery", "battery", "%", "measurement", "diagnostic", null));
        configs.Add(Sensor(plant, topics, node, "last_reading", "Last reading", "timestamp", null, null, "diagnostic", null));
        configs.Add(Config(plant, topics, "binary_sensor", node, "needs_attention", "Needs attention", w =>
        {
            w.WriteString("device_class", "problem");
            w.WriteString("value_template", "{{ 'ON' if value_json.needs_attention else 'OFF' }}");
            w.WriteString("json_attributes_topic", topics.State(node));
            w.WriteString("json_attributes_template", "{{ value_json.attention | tojson }}");
        }));
        return configs;
    }

    /// <summary>The config topics <see cref="For"/> can write for a node, to clear them all when its plant goes.</summary>
    public static IEnumerable<string> AllTopics(MqttTopics topics, string node) =>
        new[] { "soil_moisture", "air_temperature", "light", "fertilizer", "battery", "last_reading" }
            .Select(o => topics.Config("sensor", node, o))
            .Append(topics.Config("binary_sensor", node, "needs_attention"));

    private static MqttMessage Sensor(
        GardenPlant plant, MqttTopics topics, string node, string objectId, string name, string? deviceClass, string? unit, string? stateClass, string? category, string? icon) =>
        Config(plant, topics, "sensor", node, objectId, name, w =>
        {
            if (deviceClass is not null)
            {
                w.WriteString("device_class", deviceClass);
            }

            if (unit is not null)
            {
                w.WriteString("unit_of_measurement", unit);
            }

            if (stateClass is not null)
            {
                w.WriteString("state_class", stateClass);
            }

            if (category is not null)
            {
                w.WriteString("entity_category", category);
            }

            if (icon is not null)
            {
                w.WriteString("icon", icon);
            }

            w.WriteString("value_template", "{{ value_json." + objectId + " }}");
        });

    private static MqttMessage Config(GardenPlant plant, MqttTopics topics, string component, string node, string objectId, string name, Action<Utf8JsonWriter> entity)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("unique_id", node + "_" + objectId);
            w.WriteString("state_topic", topics.State(node));
            w.WriteString("availability_topic", topics.Availability);
            w.WriteString("payload_available", "online");
            w.WriteString("payload_not_available", "offline");
            entity(w);
            w.WriteStartObject("device");
            w.WriteStartArray("identifiers");
            w.WriteStringValue(node);
            w.WriteEndArray();
            w.WriteString("name", plant.Nickname ?? plant.LocationIdentifier);
            w.WriteString("manufacturer", "Parrot");
            w.WriteString("model", "Flower Power");
            if (plant.SensorSerial is { } serial)
            {
                w.WriteString("serial_number", serial);
            }

            if (plant.Configuration.Sensor?.FirmwareVersion is { } firmware)
            {
                w.WriteString("sw_version", firmware);
            }

            w.WriteEndObject();
            w.WriteStartObject("origin");
            w.WriteString("name", "FlowerPower.Cloud.Server");
            w.WriteString("sw_version", Version);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return new MqttMessage(topics.Config(component, node, objectId), buffer.ToArray());
    }
}
