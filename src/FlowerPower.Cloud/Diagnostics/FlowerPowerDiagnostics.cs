using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace FlowerPower.Cloud;

/// <summary>
/// The names under which the SDK reports traces and metrics. Subscribe with
/// <c>AddSource(FlowerPowerDiagnostics.Name)</c> and <c>AddMeter(FlowerPowerDiagnostics.Name)</c>. No secret is
/// ever written to a tag.
/// </summary>
public static class FlowerPowerDiagnostics
{
    /// <summary>
    /// The name of the SDK's <see cref="ActivitySource"/> (one activity per operation) and of its <see cref="Meter"/>
    /// (operations, duration, retries, token requests): "FlowerPower.Cloud", for <c>AddSource</c> and <c>AddMeter</c>.
    /// </summary>
    public const string Name = "FlowerPower.Cloud";

    private static readonly string? Version =
        typeof(FlowerPowerDiagnostics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    internal static ActivitySource ActivitySource { get; } = new(Name, Version);

    internal static Meter Meter { get; } = new(Name, Version);

    internal static Counter<long> Operations { get; } =
        Meter.CreateCounter<long>("flowerpower.client.operations", description: "Client operations, by operation and outcome.");

    internal static Histogram<double> OperationDuration { get; } =
        Meter.CreateHistogram<double>("flowerpower.client.operation.duration", unit: "s", description: "Duration of client operations, retries included.");

    internal static Counter<long> Retries { get; } =
        Meter.CreateCounter<long>("flowerpower.client.retries", description: "HTTP attempts that were retried.");

    internal static Counter<long> TokenRequests { get; } =
        Meter.CreateCounter<long>("flowerpower.client.token_requests", description: "Requests to the token endpoint, by grant type and outcome.");
}
