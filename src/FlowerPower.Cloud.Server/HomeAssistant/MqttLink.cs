using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using FlowerPower.Cloud.Server.Telemetry;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace FlowerPower.Cloud.Server.HomeAssistant;

/// <summary>
/// The publisher's one connection to the broker, through MQTTnet: it connects with a last will (<c>offline</c> on the
/// availability topic, retained), says <c>online</c>, listens for Home Assistant's start and for the configs the
/// broker retains (so a plant removed while the server was down is still cleared), and publishes retained messages
/// at least once. A failed connection is logged once per outage, never with the password; each call has a time limit.
/// </summary>
internal sealed class MqttLink(MqttSettings settings, MqttTopics topics, ILogger logger) : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentDictionary<string, byte> _retainedConfigs = new(StringComparer.Ordinal);
    private bool _down;

    /// <summary>Raised when Home Assistant announces itself or the connection drops: the publisher has work.</summary>
    public event Action? Woken;

    /// <summary>Set when Home Assistant said <c>online</c>; the publisher clears it when it sent every config again.</summary>
    public bool HomeAssistantStarted { get; set; }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Our config topics the broker holds, as it told us.</summary>
    public ICollection<string> RetainedConfigs => _retainedConfigs.Keys;

    /// <summary>Connects, unless connected: false (and logged once per outage) when the broker cannot be reached or refuses the login.</summary>
    public async Task<bool> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            return true;
        }

        _client.ApplicationMessageReceivedAsync -= OnMessageAsync;
        _client.DisconnectedAsync -= OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            var connected = await _client.ConnectAsync(Options(), timeout.Token);
            if (connected.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new MqttUnavailableException(Refusal(connected.ResultCode), new InvalidOperationException(connected.ReasonString));
            }

            await _client.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder()
                    .WithTopicFilter(topics.HomeAssistantStatus, MqttQualityOfServiceLevel.AtLeastOnce)
                    .WithTopicFilter(topics.AllConfigs, MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build(),
                timeout.Token);
            await PublishAsync([new MqttMessage(topics.Availability, "online"u8.ToArray())], cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever keeps the broker from being used (refused, unreachable, TLS, a CA file that does not parse) is an outage.
            ServerMetrics.MqttFailed("connect", Broker);
            if (!_down)
            {
                _down = true;
                logger.LogWarning(
                    HomeAssistantEvents.BrokerUnreachable, "The MQTT broker {Broker} cannot be used: {Reason}; the server goes on and tries again",
                    Describe(), Reason(exception));
            }

            await DropAsync();
            return false;
        }

        if (_down)
        {
            _down = false;
            logger.LogInformation(HomeAssistantEvents.BrokerReached, "The MQTT broker {Broker} is reached again", Describe());
        }
        else
        {
            logger.LogInformation(HomeAssistantEvents.BrokerReached, "Publishing the gardens to the MQTT broker {Broker}", Describe());
        }

        return true;
    }

    /// <summary>Publishes each message retained, at least once; throws when the broker does not take them in time.</summary>
    public async Task PublishAsync(IReadOnlyList<MqttMessage> messages, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            foreach (var message in messages)
            {
                await _client.PublishAsync(
                    new MqttApplicationMessageBuilder()
                        .WithTopic(message.Topic)
                        .WithPayload(message.Payload)
                        .WithRetainFlag()
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                        .Build(),
                    timeout.Token);
                if (topics.OurNode(message.Topic) is not null)
                {
                    if (message.Clears)
                    {
                        _retainedConfigs.TryRemove(message.Topic, out _);
                    }
                    else
                    {
                        _retainedConfigs[message.Topic] = 0;
                    }
                }
            }
        }
        catch (Exception exception) when (exception is not MqttUnavailableException && !cancellationToken.IsCancellationRequested)
        {
            ServerMetrics.MqttFailed("publish", Broker);
            throw new MqttUnavailableException(Reason(exception), exception);
        }

        ServerMetrics.MqttPublished(messages.Count);
    }

    /// <summary>
    /// Leaves cleanly (no last will), when connected: saying <c>offline</c> first when the server stops, not when
    /// another instance publishes now (it said <c>online</c> already, and this would overwrite it).
    /// </summary>
    public async Task LeaveAsync(bool sayOffline, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            if (sayOffline)
            {
                await PublishAsync([new MqttMessage(topics.Availability, "offline"u8.ToArray())], cancellationToken);
            }

            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken);
        }
        catch (Exception exception) when (exception is MqttUnavailableException or MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            logger.LogDebug(HomeAssistantEvents.BrokerUnreachable, "Leaving the MQTT broker: {Reason}", Reason(exception));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropAsync();
        _client.Dispose();
    }

    private MqttClientOptions Options()
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Broker.Host, settings.Port)
            .WithClientId(settings.ClientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311)
            .WithCleanSession()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(settings.Timeout)
            .WithWillTopic(topics.Availability)
            .WithWillPayload("offline"u8.ToArray())
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (settings.Username is not null)
        {
            options.WithCredentials(settings.Username, settings.Password);
        }

        if (settings.Broker.Scheme == "mqtts")
        {
            options.WithTlsOptions(tls =>
            {
                tls.UseTls().WithTargetHost(settings.Broker.Host);
                if (settings.CertificateAuthorityPath is { } path)
                {
                    var authorities = new X509Certificate2Collection();
                    authorities.ImportFromPemFile(path);
                    tls.WithTrustChain(authorities);
                }
            });
        }

        return options.Build();
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs received)
    {
        var message = received.ApplicationMessage;
        if (message.Topic == topics.HomeAssistantStatus)
        {
            if (message.ConvertPayloadToString() == "online")
            {
                HomeAssistantStarted = true;
                Woken?.Invoke();
            }
        }
        else if (topics.OurNode(message.Topic) is not null)
        {
            if (message.Payload.IsEmpty)
            {
                _retainedConfigs.TryRemove(message.Topic, out _);
            }
            else
            {
                _retainedConfigs[message.Topic] = 0;
            }
        }

        return Task.CompletedTask;
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs disconnected)
    {
        if (disconnected.ClientWasConnected)
        {
            Woken?.Invoke();
        }

        return Task.CompletedTask;
    }

    private async Task DropAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync();
            }
        }
        catch (Exception exception) when (exception is MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            logger.LogDebug(HomeAssistantEvents.BrokerUnreachable, "Dropping the MQTT connection: {Reason}", Reason(exception));
        }
    }

    private string Broker => settings.Broker.Host + ":" + settings.Port;

    private string Describe() => $"{settings.Broker.Scheme}://{Broker}";

    private static string Reason(Exception exception) => exception switch
    {
        MqttUnavailableException unavailable => unavailable.Message,
        MqttConnectingFailedException { InnerException: MqttConnectingFailedException inner } => Reason(inner),
        MqttConnectingFailedException failed when failed.Message.Contains("BadUserNameOrPassword", StringComparison.Ordinal) || failed.Message.Contains("NotAuthorized", StringComparison.Ordinal) =>
            Refusal(MqttClientConnectResultCode.BadUserNameOrPassword),
        OperationCanceledException => "it did not answer in time",
        _ => exception.GetBaseException().Message,
    };

    private static string Refusal(MqttClientConnectResultCode code) => code is MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized
        ? "it refused the user name or password (FLOWERPOWER_MQTT_USERNAME, FLOWERPOWER_MQTT_PASSWORD)"
        : $"it refused the connection ({code})";
}
