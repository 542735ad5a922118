using FlowerPower.Cloud.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>Two instances over one PostgreSQL, as behind a load balancer: no state lives in either process.</summary>
public sealed class TwoInstanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_serve_one_client_alternately_and_a_refresh_on_one_rotates_for_both()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var session = await ServerSession.StartAsync(TestDatabase.Postgres, time, TimeSpan.FromMinutes(10));
        var second = await session.AddServerAsync(TimeSpan.FromMinutes(10));
        var balancer = new AlternatingHandler(session.Server.BaseAddress, second.BaseAddress);
        using var client = new FlowerPowerClient(session.Options(), timeProvider: time, primaryHandler: balancer);

        for (var i = 0; i < 6; i++)
        {
            await client.GetVersionsAsync(Ct);
        }

        time.Advance(TimeSpan.FromMinutes(10));
        for (var i = 0; i < 6; i++)
        {
            await client.GetGardenStatusAsync(Ct);
        }

        Assert.Equal(2, balancer.TokenRequests);
        Assert.Equal([1, 1], balancer.TokenRequestsPerInstance);
        Assert.True(balancer.ResourceRequestsPerInstance.All(n => n >= 5), string.Join(",", balancer.ResourceRequestsPerInstance));

        // The refresh token spent on one instance is spent for the other as well: after the grace period it is refused.
        time.Advance(FlowerPower.Cloud.Server.Accounts.TokenPolicy.RefreshGrace + TimeSpan.FromSeconds(1));
        using var http = new HttpClient { BaseAddress = second.BaseAddress };
        using var reuse = await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = balancer.FirstRefreshToken!,
            ["client_id"] = ServerSession.ClientId, ["client_secret"] = ServerSession.ClientSecret,
        }), Ct);
        Assert.Contains("invalid_grant", await reuse.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_server_processes_on_one_postgres_share_sign_ins_refreshes_uploads_and_revocations()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        var location = await SetUpAsync(database);
        await using var first = await ServerProcess.StartAsync(database.Arguments, Ct);
        await using var second = await ServerProcess.StartAsync(database.Arguments, Ct);
        using var a = new HttpClient { BaseAddress = first.BaseAddress };
        using var b = new HttpClient { BaseAddress = second.BaseAddress };
        var now = DateTimeOffset.UtcNow;
        var upload = new BridgeUpload(ServerSession.AliceSensor, new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-4), now);

        var signedIn = await TokenAsync(a, new() { ["grant_type"] = "password", ["username"] = ServerSession.Alice, ["password"] = ServerSession.Password });
        var refreshed = await TokenAsync(b, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = signedIn.Refresh });
        a.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", refreshed.Access);
        b.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", refreshed.Access);
        using var uploaded = await UploadTests.PutAsync(a, "sensor_data/v8/sample", upload.Json());
        using var read = await b.GetAsync($"sensor_data/v6/sample/location/{location}?from_datetime_utc={BridgeUpload.Stamp(upload.SessionStart.AddMinutes(-1))}&to_datetime_utc={BridgeUpload.Stamp(now)}", Ct);
        var samples = System.Text.Json.JsonDocument.Parse(await read.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("samples").GetArrayLength();
        var revoke = await FlowerPower.Cloud.Server.CommandLine.ServerCommandLine.RunAsync(
            [.. database.Arguments, "tokens", "revoke", "--user", ServerSession.Alice], TextWriter.Null, TextWriter.Null, Ct, null, new CapturingLoggerFactory());
        using var refusedOnFirst = await a.GetAsync("user/v1/versions", Ct);
        using var refusedOnSecond = await b.GetAsync("user/v1/versions", Ct);

        Assert.Equal(System.Net.HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Equal(6, samples);
        Assert.Equal(0, revoke);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refusedOnFirst.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refusedOnSecond.StatusCode);
    }

    [Fact]
    public async Task An_upload_cut_off_by_a_killed_process_and_sent_again_to_the_other_lands_every_sample_once()
    {
        const int Entries = 40_000;
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        await SetUpAsync(database);
        await using var first = await ServerProcess.StartAsync(database.Arguments, Ct);
        await using var second = await ServerProcess.StartAsync(database.Arguments, Ct);
        using var a = new HttpClient { BaseAddress = first.BaseAddress };
        using var b = new HttpClient { BaseAddress = second.BaseAddress };
        var token = (await TokenAsync(b, new() { ["grant_type"] = "password", ["username"] = ServerSession.Alice, ["password"] = ServerSession.Password })).Access;
        a.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        b.DefaultRequestHeaders.Authorization = a.DefaultRequestHeaders.Authorization;
        var now = DateTimeOffset.UtcNow;
        var body = BridgeUpload.Long(ServerSession.AliceSensor, Entries, now);

        // The upload goes to the first process, which is killed while it writes the samples (its transaction is
        // open); the bridge, seeing no answer, sends it again to the other. The first left nothing: an upload is one
        // transaction, whole or not at all.
        var cut = UploadTests.PutAsync(a, "sensor_data/v8/sample", body);
        await using (var connection = await database.Open().OpenAsync(Ct))
        {
            const string Writing = """
                SELECT COUNT(*) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND (query LIKE 'COPY samples%' OR query LIKE 'INSERT INTO samples%')
                """;
            while (await FlowerPower.Cloud.Server.Storage.Db.ScalarAsync<long>(connection, null, Writing, Ct) == 0 && !cut.IsCompleted)
            {
                await Task.Yield();
            }
        }

        await first.KillAsync();
        try
        {
            (await cut).Dispose();
        }
        catch (HttpRequestException)
        {
        }

        await using (var between = await database.Open().OpenAsync(Ct))
        {
            var left = await FlowerPower.Cloud.Server.Storage.Db.ScalarAsync<long>(between, null, "SELECT COUNT(*) FROM samples", Ct);
            var bodies = await FlowerPower.Cloud.Server.Storage.Db.ScalarAsync<long>(between, null, "SELECT COUNT(*) FROM uploads", Ct);
            Assert.True((left, bodies) is (0, 0) or (Entries, 1), $"the killed upload left {left} samples and {bodies} bodies");
        }

        using var retried = await UploadTests.PutAsync(b, "sensor_data/v8/sample", body);

        Assert.Equal(System.Net.HttpStatusCode.OK, retried.StatusCode);
        await using var check = await database.Open().OpenAsync(Ct);
        Assert.Equal(Entries, await FlowerPower.Cloud.Server.Storage.Db.ScalarAsync<long>(check, null, "SELECT COUNT(*) FROM samples", Ct));
        Assert.Equal(Entries, await FlowerPower.Cloud.Server.Storage.Db.ScalarAsync<long>(check, null, "SELECT COUNT(DISTINCT capture_ms) FROM samples", Ct));
        Assert.Equal(Entries, await FlowerPower.Cloud.Server.Storage.Db.ScalarAsync<long>(check, null, "SELECT sample_count FROM locations WHERE sensor_serial = @s", Ct, ("@s", ServerSession.AliceSensor)));
        Assert.Equal(100 + Entries, await FlowerPower.Cloud.Server.Storage.Db.ScalarAsync<long>(check, null, "SELECT current_history_index FROM locations WHERE sensor_serial = @s", Ct, ("@s", ServerSession.AliceSensor)));
    }

    /// <summary>The accounts ServerSession makes, without a server in this process; Alice's location.</summary>
    private static async Task<string> SetUpAsync(TestDatabase database)
    {
        await using var handle = database.Open();
        await handle.MigrateAsync(Ct);
        var accounts = new FlowerPower.Cloud.Server.Administration.AccountAdmin(handle, TimeProvider.System);
        await accounts.AddClientAsync(ServerSession.ClientId, ServerSession.ClientSecret, Ct);
        await accounts.AddUserAsync(ServerSession.Alice, ServerSession.Password, "UTC", Ct);
        return await accounts.AddLocationAsync(ServerSession.Alice, "Basil", ServerSession.AliceSensor, null, true, Ct);
    }

    private static async Task<(string Access, string Refresh)> TokenAsync(HttpClient http, Dictionary<string, string> form)
    {
        form["client_id"] = ServerSession.ClientId;
        form["client_secret"] = ServerSession.ClientSecret;
        using var response = await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(form), Ct);
        var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return (json.GetProperty("access_token").GetString()!, json.GetProperty("refresh_token").GetString()!);
    }

    [Fact]
    public async Task Instances_starting_together_migrate_the_schema_once()
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Postgres);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => session.AddServerAsync()));
        using var client = new FlowerPowerClient(session.Options());

        Assert.NotEmpty((await client.GetGardenConfigurationAsync(Ct)).Locations);
    }

    /// <summary>Sends each request to the next instance in turn, as a round-robin load balancer does, and counts what each got.</summary>
    private sealed class AlternatingHandler(params Uri[] instances) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _next;

        public int TokenRequests => TokenRequestsPerInstance.Sum();

        public int[] TokenRequestsPerInstance { get; } = new int[instances.Length];

        public int[] ResourceRequestsPerInstance { get; } = new int[instances.Length];

        public string? FirstRefreshToken { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var instance = _next++ % instances.Length;
            request.RequestUri = new Uri(instances[instance], request.RequestUri!.PathAndQuery.TrimStart('/'));
            var isToken = request.RequestUri.AbsolutePath.EndsWith("/authenticate", StringComparison.Ordinal);
            (isToken ? TokenRequestsPerInstance : ResourceRequestsPerInstance)[instance]++;
            var response = await base.SendAsync(request, cancellationToken);
            if (isToken && FirstRefreshToken is null)
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                FirstRefreshToken = body.RootElement.GetProperty("refresh_token").GetString();
            }

            return response;
        }
    }
}
