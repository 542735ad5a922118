using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FlowerPower.Cloud.Server.Telemetry;

/// <summary>
/// The server's own meter (<see cref="MeterName"/>): what an operator counts besides the HTTP requests and the
/// database pool (ASP.NET Core's and Npgsql's meters). Exported for Prometheus by <see cref="MetricsListener"/>;
/// without a listener the instruments cost nothing.
/// </summary>
internal static class ServerMetrics
{
    public const string MeterName = "FlowerPower.Cloud.Server";

    private static readonly Meter Meter = new(MeterName, typeof(ServerMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> Uploads = Meter.CreateCounter<long>("flowerpower.server.uploads", "{upload}", "Sample uploads stored.");

    private static readonly Counter<long> SamplesStored = Meter.CreateCounter<long>("flowerpower.server.samples.stored", "{sample}", "Samples an upload added (samples already held are not counted).");

    private static readonly Counter<long> SignIns = Meter.CreateCounter<long>("flowerpower.server.sign_ins", "{sign-in}", "Password sign-ins by outcome: accepted, refused or rate_limited.");

    private static readonly Counter<long> MqttPublishes = Meter.CreateCounter<long>("flowerpower.server.mqtt.publishes", "{message}", "Messages published to the MQTT broker.");

    private static readonly Counter<long> MqttFailures = Meter.CreateCounter<long>("flowerpower.server.mqtt.failures", "{failure}", "Failed MQTT connections and publishes, by kind (connect or publish) and broker.");

    /// <summary>One upload stored, with the samples it added.</summary>
    public static void UploadStored(long samplesAdded)
    {
        Uploads.Add(1);
        SamplesStored.Add(samplesAdded);
    }

    public static void SignInAccepted() => SignIns.Add(1, new KeyValuePair<string, object?>("outcome", "accepted"));

    public static void SignInRefused() => SignIns.Add(1, new KeyValuePair<string, object?>("outcome", "refused"));

    public static void SignInRateLimited() => SignIns.Add(1, new KeyValuePair<string, object?>("outcome", "rate_limited"));

    public static void MqttPublished(int messages) => MqttPublishes.Add(messages);

    /// <param name="kind"><c>connect</c> or <c>publish</c>.</param>
    /// <param name="broker">The broker's host and port.</param>
    public static void MqttFailed(string kind, string broker) => MqttFailures.Add(1, new TagList { { "kind", kind }, { "broker", broker } });
}
