namespace FlowerPower.Cloud.Server.CommandLine;

/// <summary>A setting from the file or the environment that cannot be used; its message is the one line the operator reads.</summary>
internal sealed class SettingsException(string message) : Exception(message);
