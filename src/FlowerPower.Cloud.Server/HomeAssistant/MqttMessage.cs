namespace FlowerPower.Cloud.Server.HomeAssistant;

/// <summary>One retained message: its topic and payload (empty clears what the broker retained).</summary>
internal sealed record MqttMessage(string Topic, byte[] Payload)
{
    public bool Clears => Payload.Length == 0;

    public static MqttMessage Clear(string topic) => new(topic, []);
}
