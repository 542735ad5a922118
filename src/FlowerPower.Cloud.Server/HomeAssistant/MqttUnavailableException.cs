namespace FlowerPower.Cloud.Server.HomeAssistant;

/// <summary>The broker did not take a publish: the publisher reconnects and sends again.</summary>
internal sealed class MqttUnavailableException(string message, Exception inner) : Exception(message, inner);
