namespace FlowerPower.Cloud.Bridge.CommandLine;

/// <summary>A setting the command needs is missing or wrong (the credentials): one line, exit code 2.</summary>
/// <param name="message">What to set.</param>
internal sealed class BridgeUsageException(string message) : Exception(message);
