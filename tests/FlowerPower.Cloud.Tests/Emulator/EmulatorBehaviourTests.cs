using System.Net;
using System.Text.Json;
using FlowerPower.Cloud.Emulator;
using FlowerPower.Cloud.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace FlowerPower.Cloud.Tests.Emulator;

/// <summary>The real client against the in-process emulator: behaviour across calls.</summary>
public sealed class EmulatorBehaviourTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<FlowerPowerEmulator> StartAsync(Action<FlowerPowerEmulatorOptions>? configure = null)
    {
        var options = new FlowerPowerEmulatorOptions();
        configure?.Invoke(options);
        return FlowerPowerEmulator.StartAsync(options, cancellationToken: Ct);
    }

    [Fact]
    public async Task Every_endpoint_answers_the_client()
    {
        await using var emulator = await StartAsync();
        using var client = new FlowerPowerClient(emulator.CreateClientOptions());

        var profile = await client.GetProfileAsync(Ct);
        var versions = await client.GetVersionsAsync(Ct);
        var garden = await client.GetGardenConfigurationAsync(Ct);
        var withUrls = await client.GetGardenConfigurationAsync(includeS3Urls: true, Ct);
        var status = await client.GetGardenStatusAsync(Ct);
        var samples = await client.GetSamplesAsync(garden.Locations[0].LocationIdentifier!, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow, Ct);

        Assert.Equal(DemoAccount.Username, profile.UserProfile!.Email);
        Assert.True(versions.GardenStatusVersion > 0);
        Assert.Equal(5, garden.Locations.Count);
        Assert.StartsWith("https://", withUrls.Locations[0].Pictures[0].Url, StringComparison.Ordinal);
        Assert.DoesNotContain("://", garden.Locations[0].Pictures[0].Url, StringComparison.Ordinal);
        Assert.Equal(5, status.Locations.Count);
        Assert.InRange(samples.Samples.Count, 95, 97);
    }

    [Fact]
    public async Task The_garden_has_a_thirsty_plant_a_dark_one_a_healthy_one_a_removed_sensor_and_a_low_battery()
    {
        await using var emulator = await StartAsync();
        using var client = new FlowerPowerClient(emulator.CreateClientOptions());

        var garden = await client.GetGardenConfigurationAsync(Ct);
        var status = await client.GetGardenStatusAsync(Ct);

        Assert.Contains(status.Locations, l => l.Watering?.InstructionKey == InstructionKey.SoilMoistureTooLow);
        Assert.Contains(status.Locations, l => l.Light?.InstructionKey == InstructionKey.LightTooLow);
        Assert.Contains(status.Locations, l => l.AirTemperature?.StatusKey == StatusKey.StatusOk && l.Light?.StatusKey == StatusKey.StatusOk
                                               && l.Fertilizer?.StatusKey == StatusKey.StatusOk && l.Watering?.StatusKey == StatusKey.StatusOk);
        Assert.Contains(status.Locations, l => l.Battery?.GaugeValues?.CurrentValue < 15);
        var removed = Assert.Single(garden.Locations, l => l.Sensor is null);
        var removedStatus = status.Locations.Single(l => l.LocationIdentifier == removed.LocationIdentifier);
        Assert.Null(removedStatus.Light!.StatusKey);
        Assert.Null(removedStatus.Light.GaugeValues!.CurrentValue);
        Assert.True(removedStatus.TotalSampleCount > 0);
    }

    [Fact]
    public async Task Tokens_expire_and_the_client_refreshes_with_a_rotating_refresh_token()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await StartAsync(o => { o.TimeProvider = time; o.TokenLifetime = TimeSpan.FromHours(1); });
        var store = new InMemoryTokenStore();
        using var client = new FlowerPowerClient(emulator.CreateClientOptions(), tokenStore: store, timeProvider: time);
        var account = new TokenStoreKey(emulator.BaseAddress, DemoAccount.ClientId, DemoAccount.Username);

        await client.GetVersionsAsync(Ct);
        var first = (await store.GetAsync(account, Ct))?.RefreshToken;
        time.Advance(TimeSpan.FromMinutes(58));
        await client.GetVersionsAsync(Ct);
        var second = (await store.GetAsync(account, Ct))?.RefreshToken;
        time.Advance(TimeSpan.FromMinutes(58));
        await client.GetVersionsAsync(Ct);

        Assert.NotNull(first);
        Assert.NotEqual(first, second);
        Assert.Equal(48, first!.Length);
        Assert.NotEqual(second, (await store.GetAsync(account, Ct))?.RefreshToken);
    }

    [Fact]
    public async Task An_expired_token_gets_401_and_a_used_refresh_token_is_rejected()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await StartAsync(o => { o.TimeProvider = time; o.TokenLifetime = TimeSpan.FromMinutes(10); });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        var token = await EmulatorSession.SignInAsync(http, Ct);
        Assert.Equal(600, token.GetProperty("expires_in").GetInt32());
        http.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("access_token").GetString());

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("user/v1/versions", Ct)).StatusCode);
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("user/v1/versions", Ct)).StatusCode);

        var refresh = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = token.GetProperty("refresh_token").GetString()!,
            ["client_id"] = DemoAccount.ClientId,
            ["client_secret"] = DemoAccount.ClientSecret,
        };
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(refresh), Ct)).StatusCode);
        var reused = await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(refresh), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("invalid_grant", await reused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoked_access_tokens_make_the_client_refresh_once_and_replay_once()
    {
        await using var emulator = await StartAsync();
        var seen = new List<string>();
        using var client = new FlowerPowerClient(emulator.CreateClientOptions(), primaryHandler: new RecordingHandler(seen));

        await client.GetVersionsAsync(Ct);
        emulator.RevokeAccessTokens();
        var versions = await client.GetVersionsAsync(Ct);

        Assert.NotNull(versions.ServerIdentifier);
        Assert.Equal(
            ["token 200", "versions 200", "versions 401", "token 200", "versions 200"],
            seen);
    }

    /// <summary>Notes each request by what it asked for and the status it got.</summary>
    private sealed class RecordingHandler(List<string> seen) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var path = request.RequestUri!.AbsolutePath;
            lock (seen)
            {
                seen.Add($"{(path.EndsWith("/authenticate", StringComparison.Ordinal) ? "token" : path.Split('/')[^1])} {(int)response.StatusCode}");
            }

            return response;
        }
    }

    [Theory]
    [InlineData("v1", "POST-body")]
    [InlineData("v2", "GET-body")]
    [InlineData("v3", "GET-query")]
    public async Task Sign_in_is_accepted_in_every_form_the_cloud_took(string version, string form)
    {
        await using var emulator = await StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        var fields = EmulatorSession.PasswordForm();
        var query = await new FormUrlEncodedContent(fields).ReadAsStringAsync(Ct);
        using var request = form switch
        {
            "POST-body" => new HttpRequestMessage(HttpMethod.Post, $"user/{version}/authenticate") { Content = new FormUrlEncodedContent(fields) },
            "GET-body" => new HttpRequestMessage(HttpMethod.Get, $"user/{version}/authenticate") { Content = new FormUrlEncodedContent(fields) },
            _ => new HttpRequestMessage(HttpMethod.Get, $"user/{version}/authenticate?" + query),
        };

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(48, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("access_token").GetString()!.Length);
    }

    [Theory]
    [InlineData("client_secret", "wrong", "invalid_client")]
    [InlineData("password", "wrong", "invalid_grant")]
    [InlineData("grant_type", "", "invalid_request")]
    [InlineData("grant_type", "client_credentials", "unsupported_grant_type")]
    public async Task Bad_sign_ins_get_oauth_errors(string field, string value, string error)
    {
        await using var emulator = await StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        var fields = EmulatorSession.PasswordForm();
        fields[field] = value;

        using var response = await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(fields), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_client_sign_in_failure_is_typed()
    {
        await using var emulator = await StartAsync();
        var options = emulator.CreateClientOptions();
        options.Password = "wrong";
        using var client = new FlowerPowerClient(options);

        var error = await Assert.ThrowsAsync<FlowerPowerAuthenticationException>(() => client.GetProfileAsync(Ct));

        Assert.Equal("invalid_grant", error.OAuthError);
    }

    [Theory]
    [InlineData("", "2019-01-02T00:00:00Z", 9041)]
    [InlineData("2019-01-01T00:00:00Z", "", 9042)]
    [InlineData("yesterday", "2019-01-02T00:00:00Z", 9060)]
    [InlineData("2019-01-02T00:00:00Z", "2019-01-01T00:00:00Z", 9069)]
    [InlineData("2019-01-01T00:00:00Z", "2019-01-11T00:00:01Z", 9048)]
    public async Task The_clouds_date_rules_are_enforced(string from, string to, int code)
    {
        await using var emulator = await StartAsync();
        using var http = await EmulatorSession.AuthorizedAsync(emulator, Ct);

        using var response = await http.GetAsync(
            $"sensor_data/v6/sample/location/{emulator.LocationIdentifiers[0]}?from_datetime_utc={Uri.EscapeDataString(from)}&to_datetime_utc={Uri.EscapeDataString(to)}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors")[0];
        Assert.Equal(code, error.GetProperty("error_code").GetInt32());
    }

    [Theory]
    [InlineData("2019-01-01 12:00:00", "2019-01-02 12:00:00")]
    [InlineData("2019-01-01 12:00:00.123456", "2019-01-02 12:00:00.5")]
    [InlineData("2019-01-01T12:00:00Z", "2019-01-11T12:00:00Z")]
    [InlineData("2019-01-01 12:00:00+00:00", "2019-01-02 12:00:00+00:00")]
    [InlineData("2019-01-01 12:00:00.123456+00:00", "2019-01-02 13:00:00+01:00")]
    [InlineData("2019-01-01T12:00:00+00:00", "2019-01-02T12:00:00.250+00:00")]
    public async Task The_datetime_forms_public_clients_sent_are_accepted(string from, string to)
    {
        await using var emulator = await StartAsync(o => o.TimeProvider = new FakeTimeProvider(new DateTimeOffset(2019, 2, 1, 0, 0, 0, TimeSpan.Zero)));
        using var http = await EmulatorSession.AuthorizedAsync(emulator, Ct);

        using var response = await http.GetAsync(
            $"sensor_data/v6/sample/location/{emulator.LocationIdentifiers[0]}?from_datetime_utc={Uri.EscapeDataString(from)}&to_datetime_utc={Uri.EscapeDataString(to)}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("samples").GetArrayLength() > 90);
    }

    [Fact]
    public async Task The_client_reads_months_of_history_through_the_ten_day_rule()
    {
        await using var emulator = await StartAsync();
        using var client = new FlowerPowerClient(emulator.CreateClientOptions());
        var to = DateTimeOffset.UtcNow;

        var history = await client.GetSamplesAsync(emulator.LocationIdentifiers[1], to.AddDays(-95), to, Ct);

        Assert.InRange(history.Samples.Count, (95 * 96) - 2, (95 * 96) + 1);
        var times = history.Samples.Select(s => s.CaptureDatetimeUtc!.Value).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(times.Count, times.Distinct().Count());
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.Equal(TimeSpan.FromMinutes(15), pair.Second - pair.First));
        Assert.NotEmpty(history.WateringEvents);
    }

    [Fact]
    public async Task An_unknown_location_is_not_found()
    {
        await using var emulator = await StartAsync();
        using var client = new FlowerPowerClient(emulator.CreateClientOptions());

        var error = await Assert.ThrowsAsync<FlowerPowerNotFoundException>(() =>
            client.GetSamplesAsync("no-such-place", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow, Ct));

        Assert.Equal(9000, error.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Fact]
    public async Task The_same_seed_and_time_give_the_same_garden()
    {
        var at = new DateTimeOffset(2020, 3, 1, 12, 0, 0, TimeSpan.Zero);
        async Task<string> SamplesOf(int seed)
        {
            await using var emulator = await StartAsync(o => { o.Seed = seed; o.TimeProvider = new FakeTimeProvider(at); });
            using var http = await EmulatorSession.AuthorizedAsync(emulator, Ct);
            return string.Join(",", emulator.LocationIdentifiers) + await http.GetStringAsync(
                $"sensor_data/v6/sample/location/{emulator.LocationIdentifiers[0]}?from_datetime_utc=2020-02-25T00:00:00Z&to_datetime_utc=2020-03-01T00:00:00Z", Ct);
        }

        Assert.Equal(await SamplesOf(7), await SamplesOf(7));
        Assert.NotEqual(await SamplesOf(7), await SamplesOf(8));
    }

    [Fact]
    public async Task Versions_grow_when_the_garden_changes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await StartAsync(o => o.TimeProvider = time);
        using var client = new FlowerPowerClient(emulator.CreateClientOptions(), timeProvider: time);

        var before = await client.GetVersionsAsync(Ct);
        emulator.WaterPlant(emulator.LocationIdentifiers[1]);
        var watered = await client.GetVersionsAsync(Ct);
        emulator.RenamePlant(emulator.LocationIdentifiers[1], "Basil (renamed)");
        var renamed = await client.GetVersionsAsync(Ct);
        time.Advance(TimeSpan.FromMinutes(15));
        var later = await client.GetVersionsAsync(Ct);

        Assert.True(watered.GardenStatusVersion > before.GardenStatusVersion);
        Assert.Equal(before.UserConfigVersion, watered.UserConfigVersion);
        Assert.True(renamed.UserConfigVersion > watered.UserConfigVersion);
        Assert.True(later.GardenStatusVersion > renamed.GardenStatusVersion);
        var status = await client.GetGardenStatusAsync(Ct);
        Assert.NotEqual(InstructionKey.SoilMoistureTooLow, status.Locations[1].Watering!.InstructionKey);
    }

    [Fact]
    public async Task Injected_503s_are_retried_away()
    {
        await using var emulator = await StartAsync();
        emulator.Faults.FailNext(EmulatorFault.ServiceUnavailable, 2);
        var options = emulator.CreateClientOptions();
        options.Retry.Delay = TimeSpan.Zero;
        using var client = new FlowerPowerClient(options);

        Assert.NotNull((await client.GetVersionsAsync(Ct)).ServerIdentifier);
    }

    [Fact]
    public async Task Injected_429_carries_retry_after_and_is_retried()
    {
        await using var emulator = await StartAsync();
        emulator.Faults.RetryAfter = TimeSpan.FromSeconds(30);
        emulator.Faults.FailNext(EmulatorFault.RateLimited);
        var options = emulator.CreateClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
        var logs = new CapturingLoggerFactory();
        using var client = new FlowerPowerClient(options, logs);

        await client.GetVersionsAsync(Ct);

        var retry = Assert.Single(logs.Lines, l => l.EventId.Id == 2001);
        Assert.Contains("HTTP 429", retry.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EmulatorFault.MalformedBody, typeof(FlowerPowerResponseException))]
    [InlineData(EmulatorFault.GatewayHtml, typeof(FlowerPowerServerException))]
    [InlineData(EmulatorFault.InternalError, typeof(FlowerPowerServerException))]
    [InlineData(EmulatorFault.ServiceUnavailable, typeof(FlowerPowerServerException))]
    [InlineData(EmulatorFault.RateLimited, typeof(FlowerPowerRateLimitException))]
    [InlineData(EmulatorFault.CutBody, typeof(FlowerPowerTransportException))]
    public async Task Each_injected_fault_reaches_the_caller_as_its_typed_exception(EmulatorFault fault, Type expected)
    {
        await using var emulator = await StartAsync();
        emulator.Faults.FailNext(fault);
        var options = emulator.CreateClientOptions();
        options.Retry.MaxRetryAttempts = 0;
        using var client = new FlowerPowerClient(options);

        var error = await Assert.ThrowsAnyAsync<FlowerPowerException>(() => client.GetGardenStatusAsync(Ct));

        Assert.IsType(expected, error);
        Assert.NotNull((await client.GetGardenStatusAsync(Ct)).ServerIdentifier);
    }

    [Fact]
    public async Task Injected_latency_beyond_the_attempt_timeout_is_a_transport_timeout()
    {
        await using var emulator = await StartAsync();
        emulator.Faults.Latency = TimeSpan.FromSeconds(5);
        var options = emulator.CreateClientOptions();
        options.Retry.MaxRetryAttempts = 0;
        options.Retry.AttemptTimeout = TimeSpan.FromMilliseconds(200);
        using var client = new FlowerPowerClient(options);

        var error = await Assert.ThrowsAsync<FlowerPowerTransportException>(() => client.GetGardenStatusAsync(Ct));

        Assert.True(error.IsTimeout);
    }

    [Fact]
    public async Task Fault_rates_are_seeded_and_repeat()
    {
        async Task<string> Pattern()
        {
            await using var emulator = await StartAsync(o => o.Faults.ServiceUnavailableRate = 0.5);
            using var http = await EmulatorSession.AuthorizedAsync(emulator, Ct);
            var codes = new List<int>();
            for (var i = 0; i < 20; i++)
            {
                codes.Add((int)(await http.GetAsync("user/v1/versions", Ct)).StatusCode);
            }

            return string.Join(",", codes);
        }

        var first = await Pattern();
        Assert.Equal(first, await Pattern());
        Assert.Contains("503", first, StringComparison.Ordinal);
        Assert.Contains("200", first, StringComparison.Ordinal);
    }
}
