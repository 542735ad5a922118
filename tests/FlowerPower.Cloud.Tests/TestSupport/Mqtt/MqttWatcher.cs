using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Protocol;

namespace FlowerPower.Cloud.Tests.TestSupport.Mqtt;

/// <summary>
/// What Home Assistant would see: a client of the broker subscribed to every topic, keeping the last payload of
/// each (retained or not) and every message in order, and signalling each arrival so a test waits for a state, never
/// for a time.
/// </summary>
internal sealed class MqttWatcher : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentDictionary<string, string> _last = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private MqttWatcher()
    {
    }

    /// <summary>Every message seen, in order: topic, payload, retained.</summary>
    public ConcurrentQueue<(string Topic, string Payload, bool Retained)> Messages { get; } = new();

    public IReadOnlyDictionary<string, string> Last => _last;

    public static async Task<MqttWatcher> StartAsync(MqttBroker broker, string filter = "#")
    {
        var watcher = new MqttWatcher();
        watcher._client.ApplicationMessageReceivedAsync += e =>
        {
            var payload = Encoding.UTF8.GetString(e.ApplicationMessage.Payload);
            watcher.Messages.Enqueue((e.ApplicationMessage.Topic, payload, e.ApplicationMessage.Retain));
            watcher._last[e.ApplicationMessage.Topic] = payload;
            lock (watcher._gate)
            {
                watcher._arrived.TrySetResult();
                watcher._arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return Task.CompletedTask;
        };
        await watcher._client.ConnectAsync(
            new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithCredentials(MqttBroker.Username, broker.Password)
                .WithClientId("watcher-" + Guid.NewGuid().ToString("N")[..8]).Build(),
            TestContext.Current.CancellationToken);
        await watcher._client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce, TestContext.Current.CancellationToken);
        return watcher;
    }

    /// <summary>Publishes as Home Assistant would (its status, say).</summary>
    public Task PublishAsync(string topic, string payload, bool retain = false) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain).Build(), TestContext.Current.CancellationToken);

    /// <summary>Waits until <paramref name="condition"/> holds over the messages seen, at most 30 s (then fails).</summary>
    public async Task UntilAsync(Func<MqttWatcher, bool> condition, string what)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                arrived = _arrived.Task;
            }

            if (condition(this))
            {
                return;
            }

            try
            {
                await arrived.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"waited 30 s for {what}; seen: {string.Join(", ", _last.Keys.Order())}");
            }
        }
    }

    /// <summary>The last payload of <paramref name="topic"/> as JSON, or null when none (or an empty one) was seen.</summary>
    public JsonObject? Json(string topic) => _last.TryGetValue(topic, out var payload) && payload.Length > 0 ? JsonNode.Parse(payload)!.AsObject() : null;

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
