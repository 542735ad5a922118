using System.Data.Common;
using System.Security.Cryptography;
using System.Threading.Channels;
using FlowerPower.Cloud.Server.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Server.HomeAssistant;

/// <summary>
/// Publishes the listed owners' gardens for Home Assistant, apart from every request: it reads each garden's version
/// every <see cref="MqttSettings.PollInterval"/> (so uploads on any instance and imports from the command line are
/// seen alike) and, when one moved, reads that garden through the SDK and sends what changed: each plant's configs
/// (<see cref="DiscoveryConfigs"/>) and state (<see cref="PlantState"/>), retained, and an empty retained config for a
/// plant that is gone. Everything is sent again at start, after a reconnection and when Home Assistant starts.
/// Of several instances over one database only the holder of the <c>mqtt-publisher</c> lease connects (<see cref="Leases"/>).
/// Nothing here is awaited by a request: an upload only moves a version.
/// </summary>
internal sealed class GardenPublisher : BackgroundService
{
    public const string LeaseName = "mqtt-publisher";

    private readonly MqttSettings _settings;
    private readonly MqttTopics _topics;
    private readonly GardenReads _reads;
    private readonly Leases _leases;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MqttLink _link;
    private readonly string _holder = Environment.MachineName + "/" + Environment.ProcessId + "/" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Dictionary<string, byte[]> _sent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Config, long Status)> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _gardenTopics = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unreadable = new(StringComparer.Ordinal);
    private DateTimeOffset _leaseRenewed = DateTimeOffset.MinValue;
    private bool _holding;

    public GardenPublisher(MqttSettings settings, GardenReads reads, Leases leases, TimeProvider time, ILogger logger)
    {
        _settings = settings;
        _topics = new MqttTopics(settings.DiscoveryPrefix, settings.BaseTopic);
        _reads = reads;
        _leases = leases;
        _time = time;
        _logger = logger;
        _link = new MqttLink(settings, _topics, logger);
        _link.Woken += Wake;
    }

    /// <summary>Asks for a look at the gardens now rather than at the next poll.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _reads.Ready.WaitAsync(stoppingToken);
        var delay = TimeSpan.FromSeconds(1);
        var everything = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = _settings.PollInterval;
            try
            {
                if (!await HoldLeaseAsync(stoppingToken))
                {
                    everything = true;
                }
                else if (!_link.IsConnected && !await _link.ConnectAsync(stoppingToken))
                {
                    everything = true;
                    wait = delay;
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _settings.MaxReconnectDelay.Ticks));
                }
                else
                {
                    delay = TimeSpan.FromSeconds(1);
                    var all = everything || _link.HomeAssistantStarted;
                    _link.HomeAssistantStarted = false;
                    await PublishAsync(all, stoppingToken);
                    everything = false;
                }
            }
            catch (MqttUnavailableException exception)
            {
                _logger.LogDebug(HomeAssistantEvents.BrokerUnreachable, "A publish failed ({Reason}); reconnecting", exception.Message);
                everything = true;
            }
            catch (DbException exception)
            {
                _logger.LogWarning(HomeAssistantEvents.GardenUnread, "The publisher could not read the database: {Reason}", exception.Message);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Publishing must never stop the server: whatever went wrong is logged and tried again.
                _logger.LogError(HomeAssistantEvents.GardenUnread, exception, "Publishing to the MQTT broker failed; it is tried again");
                everything = true;
            }

            await WaitAsync(wait, stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_holding)
        {
            await _link.LeaveAsync(sayOffline: true, cancellationToken);
            try
            {
                await _leases.ReleaseAsync(LeaseName, _holder, cancellationToken);
            }
            catch (DbException exception)
            {
                _logger.LogDebug(HomeAssistantEvents.Standby, "The publishing lease was not given back: {Reason}", exception.Message);
            }
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _link.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private async Task<bool> HoldLeaseAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_holding && now - _leaseRenewed < _settings.LeaseLength / 3)
        {
            return true;
        }

        var held = await _leases.HoldAsync(LeaseName, _holder, _settings.LeaseLength, cancellationToken);
        if (held)
        {
            _leaseRenewed = now;
        }
        else if (_holding || _leaseRenewed == DateTimeOffset.MinValue)
        {
            _leaseRenewed = now;
            _logger.LogInformation(HomeAssistantEvents.Standby, "Another instance publishes to the MQTT broker; this one stands by");
            await _link.LeaveAsync(sayOffline: false, cancellationToken);
            _sent.Clear();
            _versions.Clear();
        }

        _holding = held;
        return held;
    }

    private async Task PublishAsync(bool everything, CancellationToken cancellationToken)
    {
        if (everything)
        {
            _sent.Clear();
            _versions.Clear();
        }

        foreach (var email in _settings.Gardens)
        {
            await PublishGardenAsync(email, cancellationToken);
        }

        // A config the broker holds under our node prefix and no listed garden has now is a plant that went (here, on
        // another instance, or while the server was down): Home Assistant drops its device when the config is empty.
        var current = _gardenTopics.Values.SelectMany(t => t).ToHashSet(StringComparer.Ordinal);
        var gone = _link.RetainedConfigs.Concat(_sent.Keys).Where(t => !current.Contains(t)).Distinct(StringComparer.Ordinal).ToList();
        if (gone.Count > 0)
        {
            var nodes = gone.Select(_topics.OurNode).OfType<string>().Distinct(StringComparer.Ordinal);
            var clears = gone.Concat(nodes.Select(_topics.State)).Distinct(StringComparer.Ordinal).Where(t => !current.Contains(t)).Select(MqttMessage.Clear).ToList();
            await _link.PublishAsync(clears, cancellationToken);
            foreach (var clear in clears)
            {
                _sent.Remove(clear.Topic);
            }
        }
    }

    private async Task PublishGardenAsync(string email, CancellationToken cancellationToken)
    {
        if (await _reads.UserAsync(email, cancellationToken) is not { } user)
        {
            if (_unreadable.Add(email))
            {
                _logger.LogWarning(HomeAssistantEvents.UnknownOwner, "--mqtt-garden names no user of this server ({Email}); nothing is published for it", email);
            }

            _gardenTopics.Remove(email);
            return;
        }

        var version = await _reads.VersionAsync(user, cancellationToken);
        if (_versions.TryGetValue(email, out var seen) && seen == version)
        {
            return;
        }

        Garden garden;
        try
        {
            garden = await _reads.GardenAsync(user, email, cancellationToken);
        }
        catch (FlowerPowerException exception)
        {
            if (_unreadable.Add(email))
            {
                _logger.LogWarning(HomeAssistantEvents.GardenUnread, "A listed garden could not be read for MQTT ({Reason}); it is tried again", exception.Message);
            }

            return;
        }

        _unreadable.Remove(email);
        var messages = garden.Plants
            .SelectMany(plant => DiscoveryConfigs.For(plant, garden.Profile, _topics).Append(PlantState.For(plant, garden.Profile, _topics)))
            .ToList();
        var changed = messages.Where(m => !_sent.TryGetValue(m.Topic, out var payload) || !payload.AsSpan().SequenceEqual(m.Payload)).ToList();
        await _link.PublishAsync(changed, cancellationToken);
        foreach (var message in changed)
        {
            _sent[message.Topic] = message.Payload;
        }

        _gardenTopics[email] = messages.Select(m => m.Topic).ToHashSet(StringComparer.Ordinal);
        _versions[email] = version;
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(wait, _time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await _wake.Reader.ReadAsync(either.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
