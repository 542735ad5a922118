using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using FlowerPower.Cloud.Server.Administration;
using FlowerPower.Cloud.Server.CommandLine;
using FlowerPower.Cloud.Server.HomeAssistant;
using FlowerPower.Cloud.Server.Hosting;
using FlowerPower.Cloud.Server.Telemetry;
using FlowerPower.Cloud.Tests.Api;
using FlowerPower.Cloud.Tests.TestSupport;
using FlowerPower.Cloud.Tests.TestSupport.Mqtt;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// The server publishes the listed gardens for Home Assistant on a real mosquitto: discovery configs Home Assistant
/// takes, a state that is the garden status, moved by an upload, cleared for a removed plant, sent again to a broker
/// that came back and to a Home Assistant that started; a wrong password is one log line and never stops the server;
/// nobody outside the list is published; of two instances one publishes.
/// </summary>
public sealed class HomeAssistantTests
{
    private const string Discovery = "homeassistant";
    private const string Base = "flowerpower";

    private static readonly string[] Sensors = ["soil_moisture", "air_temperature", "light", "fertilizer", "battery", "last_reading"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Node(string location) => Base + "_" + location;

    private static string State(string location) => $"{Base}/{Node(location)}/state";

    private static string Config(string location, string component, string objectId) => $"{Discovery}/{component}/{Node(location)}/{objectId}/config";

    private static IEnumerable<string> Configs(string location) =>
        Sensors.Select(o => Config(location, "sensor", o)).Append(Config(location, "binary_sensor", "needs_attention"));

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_listed_garden_is_a_device_per_plant_with_valid_retained_configs_and_the_garden_status_as_its_state(string kind)
    {
        await using var broker = await MqttBroker.StartAsync();
        await using var session = await ServerSession.StartAsync(kind);
        await UploadAsync(session, ServerSession.AliceSensor, hoursAgo: 2);
        await UploadAsync(session, ServerSession.BobSensor, hoursAgo: 2, ServerSession.Bob);
        await using var everything = await MqttWatcher.StartAsync(broker);

        await session.AddServerAsync(options: Options(broker, ServerSession.Alice));
        await everything.UntilAsync(w => Configs(session.AliceLocation).All(w.Last.ContainsKey) && w.Json(State(session.AliceLocation)) is not null, "Alice's plant");

        using var client = new FlowerPowerClient(session.Options());
        var plant = (await client.GetGardenAsync(Ct)).Find(session.AliceLocation)!;
        var state = everything.Json(State(session.AliceLocation))!;
        Assert.Equal(plant.Status!.Watering!.SoilMoisture!.GaugeValues!.CurrentValue!.Value, (double)state["soil_moisture"]!, 1);
        Assert.Equal(plant.Status.AirTemperature!.GaugeValues!.CurrentValue!.Value, (double)state["air_temperature"]!, 1);
        Assert.Equal(plant.Status.Light!.GaugeValues!.CurrentValue!.Value, (double)state["light"]!, 2);
        Assert.Equal(plant.Status.LastSampleUtc!.Value, DateTimeOffset.Parse((string)state["last_reading"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(plant.Alerts.Count > 0, (bool)state["needs_attention"]!);
        Assert.Equal(plant.Alerts.Count, (int)state["attention"]!["count"]!);
        Assert.Equal("online", everything.Last[$"{Base}/status"]);

        var configs = Configs(session.AliceLocation).Select(t => (Topic: t, Json: everything.Json(t)!)).ToList();
        foreach (var (topic, config) in configs)
        {
            AssertValidForHomeAssistant(topic, config, State(session.AliceLocation));
            Assert.Equal("Basil", (string)config["device"]!["name"]!);
            Assert.Equal(ServerSession.AliceSensor, (string)config["device"]!["serial_number"]!);
        }

        Assert.Equal(configs.Count, configs.Select(c => (string)c.Json["unique_id"]!).Distinct().Count());

        // Retained: Home Assistant connecting later gets all of it.
        await using var later = await MqttWatcher.StartAsync(broker);
        await later.UntilAsync(w => Configs(session.AliceLocation).Append(State(session.AliceLocation)).All(w.Last.ContainsKey), "the retained messages");
        Assert.All(later.Messages.Where(m => m.Topic.StartsWith(Discovery + "/", StringComparison.Ordinal) && !m.Topic.EndsWith("/status", StringComparison.Ordinal)), m => Assert.True(m.Retained, m.Topic));

        // Bob is not listed: nothing of his garden ever reaches the broker.
        Assert.DoesNotContain(everything.Messages, m => m.Topic.Contains(session.BobLocation, StringComparison.Ordinal) ||
            m.Payload.Contains(session.BobLocation, StringComparison.Ordinal) || m.Payload.Contains(ServerSession.BobSensor, StringComparison.Ordinal) ||
            m.Payload.Contains("Fern", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_upload_moves_the_state_and_a_removed_plant_clears_its_device()
    {
        await using var broker = await MqttBroker.StartAsync();
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        await UploadAsync(session, ServerSession.AliceSensor, hoursAgo: 3);
        await using var watcher = await MqttWatcher.StartAsync(broker);
        await session.AddServerAsync(options: Options(broker, ServerSession.Alice));
        await watcher.UntilAsync(w => w.Json(State(session.AliceLocation)) is not null, "the first state");
        var first = (string)watcher.Json(State(session.AliceLocation))!["last_reading"]!;

        await UploadAsync(session, ServerSession.AliceSensor, hoursAgo: 0);
        await watcher.UntilAsync(w => (string?)w.Json(State(session.AliceLocation))?["last_reading"] != first, "the state after the upload");
        using var client = new FlowerPowerClient(session.Options());
        var status = (await client.GetGardenAsync(Ct)).Find(session.AliceLocation)!.Status!;
        Assert.Equal(status.LastSampleUtc!.Value, DateTimeOffset.Parse((string)watcher.Json(State(session.AliceLocation))!["last_reading"]!, System.Globalization.CultureInfo.InvariantCulture));

        await new AccountAdmin(session.OpenDatabase(), session.Time).RemoveLocationAsync(ServerSession.Alice, session.AliceLocation, Ct);
        await watcher.UntilAsync(
            w => Configs(session.AliceLocation).Append(State(session.AliceLocation)).All(t => w.Last.TryGetValue(t, out var payload) && payload.Length == 0),
            "the removed plant's configs cleared");
    }

    [Fact]
    public async Task A_broker_that_dies_and_comes_back_gets_everything_again_and_home_assistant_starting_gets_the_configs_again()
    {
        await using var broker = await MqttBroker.StartAsync();
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        await UploadAsync(session, ServerSession.AliceSensor, hoursAgo: 1);
        await session.AddServerAsync(options: Options(broker, ServerSession.Alice));
        await using (var before = await MqttWatcher.StartAsync(broker))
        {
            await before.UntilAsync(w => w.Json(State(session.AliceLocation)) is not null, "the first state");
        }

        await broker.StopAsync();
        await broker.StartAgainAsync();

        // The broker kept nothing (no persistence): all of it is there again once the server reconnected.
        await using var after = await MqttWatcher.StartAsync(broker);
        await after.UntilAsync(
            w => Configs(session.AliceLocation).Append(State(session.AliceLocation)).All(w.Last.ContainsKey) && w.Last.GetValueOrDefault($"{Base}/status") == "online",
            "everything published again");

        var topic = Config(session.AliceLocation, "sensor", "soil_moisture");
        var seen = after.Messages.Count(m => m.Topic == topic);
        await after.PublishAsync($"{Discovery}/status", "online");
        await after.UntilAsync(w => w.Messages.Count(m => m.Topic == topic) > seen, "the configs sent again after Home Assistant started");
    }

    [Fact]
    public async Task Unique_ids_and_configs_are_the_same_after_a_restart_and_a_clean_stop_says_offline()
    {
        await using var broker = await MqttBroker.StartAsync();
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        await UploadAsync(session, ServerSession.AliceSensor, hoursAgo: 1);
        await using var watcher = await MqttWatcher.StartAsync(broker);
        var options = Options(broker, ServerSession.Alice);
        Dictionary<string, string> firstConfigs;
        await using (var first = await CloudServer.StartAsync(session.OpenDatabase(), options, cancellationToken: Ct))
        {
            await watcher.UntilAsync(w => Configs(session.AliceLocation).All(w.Last.ContainsKey), "the configs");
            firstConfigs = Configs(session.AliceLocation).ToDictionary(t => t, t => watcher.Last[t]);
        }

        Assert.Equal("offline", watcher.Last[$"{Base}/status"]);
        var sent = watcher.Messages.Count;

        // The lease was given back: the next start publishes at once, not after it ran out.
        await using var second = await CloudServer.StartAsync(session.OpenDatabase(), options, cancellationToken: Ct);
        await watcher.UntilAsync(w => w.Messages.Skip(sent).Count(m => m.Topic.EndsWith("/config", StringComparison.Ordinal)) >= firstConfigs.Count && w.Last[$"{Base}/status"] == "online", "the configs again");
        Assert.Equal(firstConfigs, Configs(session.AliceLocation).ToDictionary(t => t, t => watcher.Last[t]));
    }

    [Fact]
    public async Task A_wrong_broker_password_is_one_log_line_without_it_and_the_server_keeps_serving()
    {
        await using var broker = await MqttBroker.StartAsync();
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        var logs = new CapturingLoggerFactory();
        var wrong = "wrong-" + broker.Password;
        var refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failures = 0;
        using var meter = new MeterListener();
        meter.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ServerMetrics.MeterName && instrument.Name == "flowerpower.server.mqtt.failures")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meter.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "broker" && (string?)tag.Value == $"127.0.0.1:{broker.Port}" && Interlocked.Increment(ref failures) == 4)
                {
                    refused.TrySetResult();
                }
            }
        });
        meter.Start();

        var options = Options(broker, ServerSession.Alice);
        var server = await session.AddServerAsync(options: options with { Mqtt = options.Mqtt! with { Password = wrong } }, loggers: logs);
        await refused.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var ready = await http.GetAsync("readyz", Ct);
        using var client = new FlowerPowerClient(session.Options(server: server));
        await client.GetGardenAsync(Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        var line = Assert.Single(logs.Lines, l => l.EventId.Id == HomeAssistantEvents.BrokerUnreachable.Id && l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Contains("user name or password", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(broker.Password, logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_mqtts_broker_is_trusted_through_the_given_authority_and_without_it_is_one_log_line()
    {
        await using var broker = await MqttBroker.StartAsync(tls: true);
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        await UploadAsync(session, ServerSession.AliceSensor, hoursAgo: 1);
        await using var watcher = await MqttWatcher.StartAsync(broker);
        var options = Options(broker, ServerSession.Alice);
        var secure = options.Mqtt! with { Broker = new Uri($"mqtts://127.0.0.1:{broker.TlsPort}") };
        var untrustedLogs = new CapturingLoggerFactory();

        await using (await CloudServer.StartAsync(session.OpenDatabase(), options with { Mqtt = secure with { CertificateAuthorityPath = broker.AuthorityPath } }, cancellationToken: Ct))
        {
            await watcher.UntilAsync(w => w.Json(State(session.AliceLocation)) is not null, "the state over TLS");
        }

        // The first gave the lease back when it stopped: this one publishes, or would, if it trusted the broker.
        await session.AddServerAsync(options: options with { Mqtt = secure with { BaseTopic = "untrusted" } }, loggers: untrustedLogs);
        var refused = await untrustedLogs.WaitFor(HomeAssistantEvents.BrokerUnreachable.Id).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Contains($"mqtts://127.0.0.1:{broker.TlsPort}", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(watcher.Last.Keys, t => t.StartsWith("untrusted/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Of_two_instances_over_one_database_one_publishes_and_the_other_takes_over_when_it_stops()
    {
        await using var broker = await MqttBroker.StartAsync();
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        await UploadAsync(session, ServerSession.AliceSensor, hoursAgo: 1);
        await using var watcher = await MqttWatcher.StartAsync(broker);
        var options = Options(broker, ServerSession.Alice);
        var firstLogs = new CapturingLoggerFactory();
        var secondLogs = new CapturingLoggerFactory();
        var first = await CloudServer.StartAsync(session.OpenDatabase(), options, loggerFactory: firstLogs, cancellationToken: Ct);
        await firstLogs.WaitFor(HomeAssistantEvents.BrokerReached.Id).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await using var second = await CloudServer.StartAsync(session.OpenDatabase(), options, loggerFactory: secondLogs, cancellationToken: Ct);
        await secondLogs.WaitFor(HomeAssistantEvents.Standby.Id).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await watcher.UntilAsync(w => w.Json(State(session.AliceLocation)) is not null, "the state");

        await first.DisposeAsync();
        await secondLogs.WaitFor(HomeAssistantEvents.BrokerReached.Id).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await watcher.UntilAsync(w => w.Last[$"{Base}/status"] == "online", "the second instance online");
        Assert.DoesNotContain(firstLogs.Lines, l => l.EventId.Id == HomeAssistantEvents.Standby.Id);
    }

    [Fact]
    public async Task The_program_serving_with_mqtt_flags_publishes_an_imported_garden_and_an_import_from_the_command_line_moves_it()
    {
        await using var broker = await MqttBroker.StartAsync();
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        var folder = Directory.CreateTempSubdirectory("flowerpower-mqtt-").FullName;
        try
        {
            string[] db = [.. database.Arguments];
            const string owner = "owner@example.invalid";
            Assert.Equal(0, await ServerCommandLine.RunAsync([.. db, "users", "add", owner, "--password", "owner-password"], TextWriter.Null, TextWriter.Null, Ct));
            Assert.Equal(0, await ServerCommandLine.RunAsync(
                [.. db, "locations", "add", "--user", owner, "--nickname", "Monstera", "--sensor", "PI040307AD5G2000AB", "--sensor-name", "Flower power 00AB"], TextWriter.Null, TextWriter.Null, Ct));
            var start = DateTimeOffset.UtcNow.Date.AddDays(-3);
            await ImportAsync(db, folder, owner, start, 96);
            await using var watcher = await MqttWatcher.StartAsync(broker);

            await using var server = await ServerProcess.StartAsync(
                [.. db, "--mqtt", broker.Address.ToString(), "--mqtt-garden", owner], Ct,
                new Dictionary<string, string> { ["FLOWERPOWER_MQTT_USERNAME"] = MqttBroker.Username, ["FLOWERPOWER_MQTT_PASSWORD"] = broker.Password });
            await watcher.UntilAsync(w => w.Last.Keys.Any(t => t.StartsWith($"{Base}/{Base}_", StringComparison.Ordinal) && t.EndsWith("/state", StringComparison.Ordinal)), "the plant's state");
            var stateTopic = watcher.Last.Keys.Single(t => t.StartsWith($"{Base}/{Base}_", StringComparison.Ordinal) && t.EndsWith("/state", StringComparison.Ordinal));
            var location = stateTopic.Split('/')[1][(Base.Length + 1)..];
            await watcher.UntilAsync(w => Configs(location).All(w.Last.ContainsKey), "the plant's configs");
            Assert.Equal("Monstera", (string)watcher.Json(Config(location, "sensor", "light"))!["device"]!["name"]!);
            Assert.Equal(start.AddMinutes(15 * 95), DateTimeOffset.Parse((string)watcher.Json(stateTopic)!["last_reading"]!, System.Globalization.CultureInfo.InvariantCulture));

            await ImportAsync(db, folder, owner, start, 192);
            await watcher.UntilAsync(
                w => (string?)w.Json(stateTopic)?["last_reading"] is { } last && DateTimeOffset.Parse(last, System.Globalization.CultureInfo.InvariantCulture) == start.AddMinutes(15 * 191),
                "the state after the second import");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Metrics_are_served_on_their_own_listener_count_an_upload_and_never_show_the_database_password(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        const string password = "pool-password-never-shown";
        var metricsOptions = new ServerOptions { Urls = "http://127.0.0.1:0", MetricsUrls = "http://127.0.0.1:0" };

        // PostgreSQL here trusts loopback, so the password in the connection string is not needed: only looked for.
        await using var withPassword = kind == TestDatabase.Postgres
            ? new FlowerPower.Cloud.Server.Storage.PostgresCloudDatabase(session.Database.ConnectionString + ";Password=" + password)
            : null;
        await using var server = await CloudServer.StartAsync((FlowerPower.Cloud.Server.Storage.CloudDatabase?)withPassword ?? session.OpenDatabase(), metricsOptions, cancellationToken: Ct);
        using var client = new FlowerPowerClient(session.Options(server: server));
        var now = DateTimeOffset.UtcNow;
        await client.UploadSamplesAsync(UploadCallsTests.Upload(ServerSession.AliceSensor, new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero)), Ct);
        using var http = new HttpClient();

        var text = await http.GetStringAsync(server.Metrics!.Address, Ct);
        using var onPublic = await http.GetAsync(new Uri(server.BaseAddress, "metrics"), Ct);

        var uploads = text.Split('\n').Single(l => l.StartsWith("flowerpower_server_uploads_total", StringComparison.Ordinal));
        Assert.True(double.Parse(uploads.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture) >= 1, uploads);
        Assert.Contains("flowerpower_server_samples_stored_total", text, StringComparison.Ordinal);
        Assert.Contains("flowerpower_server_sign_ins_total{", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_count{", text, StringComparison.Ordinal);
        Assert.Contains("http_route=\"", text, StringComparison.Ordinal);
        Assert.NotEqual(System.Net.HttpStatusCode.OK, onPublic.StatusCode);
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        if (kind == TestDatabase.Postgres)
        {
            Assert.Contains("db_client_connection_max{", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_mqtt_settings_never_show_the_password_and_refuse_what_would_leak_or_publish_everyone()
    {
        var settings = new MqttSettings { Broker = new Uri("mqtt://127.0.0.1:1883"), Username = "ha", Password = "broker-secret-1", Gardens = ["a@b.invalid"] };

        Assert.DoesNotContain("broker-secret-1", settings.ToString(), StringComparison.Ordinal);
        Assert.Null(settings.Problem());
        Assert.Equal(1883, settings.Port);
        Assert.Equal(8883, (settings with { Broker = new Uri("mqtts://broker.example.invalid") }).Port);
        Assert.Contains("FLOWERPOWER_MQTT_PASSWORD", (settings with { Broker = new Uri("mqtt://ha:pw@127.0.0.1:1883") }).Problem(), StringComparison.Ordinal);
        Assert.Contains("--mqtt-garden", (settings with { Gardens = [] }).Problem(), StringComparison.Ordinal);
        Assert.Contains("not an mqtt://", (settings with { Broker = new Uri("http://127.0.0.1:1883") }).Problem(), StringComparison.Ordinal);
        Assert.Contains("single topic levels", (settings with { BaseTopic = "a/#" }).Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void Node_ids_are_what_home_assistant_takes_and_two_locations_never_share_one()
    {
        var topics = new MqttTopics(Discovery, Base);

        Assert.Equal("flowerpower_Ab-1_x", topics.Node("Ab-1_x"));
        Assert.Matches("^[A-Za-z0-9_-]+$", topics.Node("a/b#+c d"));
        Assert.NotEqual(topics.Node("a/b"), topics.Node("a+b"));
        Assert.Equal(topics.Node("a/b"), topics.Node("a/b"));
        Assert.Equal("flowerpower_x", topics.OurNode("homeassistant/sensor/flowerpower_x/light/config"));
        Assert.Null(topics.OurNode("homeassistant/sensor/other_x/light/config"));
    }

    /// <summary>What Home Assistant's MQTT discovery requires of a config, and the device classes' units it accepts.</summary>
    private static void AssertValidForHomeAssistant(string topic, JsonObject config, string stateTopic)
    {
        var component = topic.Split('/')[1];
        Assert.Contains(component, new[] { "sensor", "binary_sensor" });
        foreach (var key in new[] { "name", "unique_id", "state_topic", "availability_topic", "value_template", "device" })
        {
            Assert.True(config.ContainsKey(key), $"{topic} lacks {key}");
        }

        Assert.Equal(stateTopic, (string)config["state_topic"]!);
        var device = config["device"]!.AsObject();
        Assert.NotEmpty(device["identifiers"]!.AsArray());
        Assert.Equal("Parrot", (string)device["manufacturer"]!);
        Assert.Equal("Flower Power", (string)device["model"]!);
        var deviceClass = (string?)config["device_class"];
        var unit = (string?)config["unit_of_measurement"];
        switch (deviceClass)
        {
            case "moisture" or "battery":
                Assert.Equal("%", unit);
                break;
            case "temperature":
                Assert.Contains(unit, new[] { "°C", "°F" });
                break;
            case "conductivity":
                Assert.Contains(unit, new[] { "S/cm", "mS/cm", "µS/cm" });
                break;
            case "timestamp":
                Assert.Null(unit);
                Assert.Null(config["state_class"]);
                break;
            case "problem":
                Assert.Equal("binary_sensor", component);
                Assert.Equal(stateTopic, (string)config["json_attributes_topic"]!);
                break;
            case null:
                Assert.Equal("mol/m²/day", unit);
                break;
            default:
                Assert.Fail($"{topic}: device class {deviceClass}");
                break;
        }
    }

    private static ServerOptions Options(MqttBroker broker, params string[] gardens) => new()
    {
        Urls = "http://127.0.0.1:0",
        Mqtt = new MqttSettings
        {
            Broker = broker.Address,
            Username = MqttBroker.Username,
            Password = broker.Password,
            Gardens = gardens,
            PollInterval = TimeSpan.FromMilliseconds(100),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
            LeaseLength = TimeSpan.FromSeconds(3),
        },
    };

    private static async Task ImportAsync(string[] db, string folder, string owner, DateTimeOffset start, int rows)
    {
        var dump = Directory.CreateDirectory(Path.Combine(folder, "dump")).FullName;
        var lines = Enumerable.Range(0, rows).Select(i => FormattableString.Invariant($"{start.AddMinutes(15 * i):yyyy-MM-dd HH:mm:ss} UTC,1.5,{i % 50 * 0.5},{30 - (i % 100 * 0.1):0.0},{20 + (i % 10 * 0.1):0.0}"));
        await File.WriteAllLinesAsync(Path.Combine(dump, "Flower power 00AB.csv"), ["capture_datetime_utc,fertilizer_level,light,soil_moisture_percent,air_temperature_celsius", .. lines], Ct);
        Assert.Equal(0, await ServerCommandLine.RunAsync([.. db, "import", "csv-dump", dump, "--user", owner], TextWriter.Null, TextWriter.Null, Ct));
    }

    private static async Task UploadAsync(ServerSession session, string sensor, int hoursAgo, string user = ServerSession.Alice)
    {
        using var client = new FlowerPowerClient(session.Options(user));
        var now = DateTimeOffset.UtcNow.AddHours(-hoursAgo);
        await client.UploadSamplesAsync(UploadCallsTests.Upload(sensor, new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero)), Ct);
    }
}
