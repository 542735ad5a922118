using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FlowerPower.Cloud.Server.Administration;
using FlowerPower.Cloud.Server.Storage;
using FlowerPower.Cloud.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>The self-hosted server speaks the cloud's wire to the SDK, on both databases, and keeps users apart.</summary>
public sealed class ServerWireTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Every_endpoint_answers_the_sdk(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        using var client = new FlowerPowerClient(session.Options());

        var profile = await client.GetProfileAsync(Ct);
        var versions = await client.GetVersionsAsync(Ct);
        var configuration = await client.GetGardenConfigurationAsync(Ct);
        var status = await client.GetGardenStatusAsync(Ct);
        var samples = await client.GetSamplesAsync(session.AliceLocation, DateTimeOffset.UtcNow.AddDays(-20), DateTimeOffset.UtcNow, Ct);

        Assert.Equal(ServerSession.Alice, profile.UserProfile!.Email);
        Assert.Equal("Europe/Budapest", profile.UserProfile.UtcTimezone);
        Assert.True(versions.UserConfigVersion >= 2);
        var location = Assert.Single(configuration.Locations);
        Assert.Equal(session.AliceLocation, location.LocationIdentifier);
        Assert.Equal("Basil", location.PlantNickname);
        Assert.Equal(ServerSession.AliceSensor, location.Sensor!.SensorSerial);
        Assert.Equal("Flower power 0185", location.Sensor.SensorIdentifier);
        var entry = Assert.Single(status.Locations);
        Assert.Equal(0, entry.TotalSampleCount);
        Assert.Empty(samples.Samples);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_user_sees_only_their_own_garden_and_another_users_location_is_9000(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        using var alice = new FlowerPowerClient(session.Options(ServerSession.Alice));
        using var bob = new FlowerPowerClient(session.Options(ServerSession.Bob));

        var aliceGarden = await alice.GetGardenConfigurationAsync(Ct);
        var bobGarden = await bob.GetGardenConfigurationAsync(Ct);
        var error = await Assert.ThrowsAsync<FlowerPowerNotFoundException>(() =>
            bob.GetSamplesAsync(session.AliceLocation, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow, Ct));

        Assert.Equal(session.AliceLocation, Assert.Single(aliceGarden.Locations).LocationIdentifier);
        Assert.Equal(session.BobLocation, Assert.Single(bobGarden.Locations).LocationIdentifier);
        Assert.Equal(9000, error.ErrorCode);
        Assert.DoesNotContain("Basil", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Wrong_credentials_and_client_keys_are_refused_as_the_cloud_did(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        var wrongPassword = session.Options();
        wrongPassword.Password = "not-the-password";
        var wrongClient = session.Options();
        wrongClient.ClientSecret = "not-the-secret";
        using var first = new FlowerPowerClient(wrongPassword);
        using var second = new FlowerPowerClient(wrongClient);

        Assert.Equal("invalid_grant", (await Assert.ThrowsAsync<FlowerPowerAuthenticationException>(() => first.GetProfileAsync(Ct))).OAuthError);
        Assert.Equal("invalid_client", (await Assert.ThrowsAsync<FlowerPowerAuthenticationException>(() => second.GetProfileAsync(Ct))).OAuthError);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Refresh_tokens_rotate_a_spent_one_is_taken_again_within_the_grace_period_and_after_it_ends_the_family(string kind)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var session = await ServerSession.StartAsync(kind, time);
        using var http = new HttpClient { BaseAddress = session.Server.BaseAddress };
        var first = await SignInAsync(http, ServerSession.PasswordForm());
        var refresh = first.GetProperty("refresh_token").GetString()!;

        var second = await SignInAsync(http, ServerSession.RefreshForm(refresh));
        time.Advance(FlowerPower.Cloud.Server.Accounts.TokenPolicy.RefreshGrace - TimeSpan.FromSeconds(1));
        var retried = await SignInAsync(http, ServerSession.RefreshForm(refresh));
        time.Advance(TimeSpan.FromSeconds(2));
        using var reused = await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(ServerSession.RefreshForm(refresh)), Ct);

        Assert.NotEqual(refresh, second.GetProperty("refresh_token").GetString());
        Assert.NotEqual(second.GetProperty("refresh_token").GetString(), retried.GetProperty("refresh_token").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("invalid_grant", await reused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // The reuse after the grace period ended the family: every token that came from that sign-in is refused.
        foreach (var pair in new[] { second, retried })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", pair.GetProperty("access_token").GetString());
            using var profile = await http.GetAsync("user/v4/profile", Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, profile.StatusCode);
            using var refreshed = await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(ServerSession.RefreshForm(pair.GetProperty("refresh_token").GetString()!)), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_refresh_token_works_only_for_the_client_it_was_issued_to(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        await new AccountAdmin(session.OpenDatabase(), TimeProvider.System).AddClientAsync("other-app", "other-app-secret", Ct);
        using var http = new HttpClient { BaseAddress = session.Server.BaseAddress };
        var first = await SignInAsync(http, ServerSession.PasswordForm());
        var refresh = first.GetProperty("refresh_token").GetString()!;

        using var stolen = await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refresh, ["client_id"] = "other-app", ["client_secret"] = "other-app-secret",
        }), Ct);
        var own = await SignInAsync(http, ServerSession.RefreshForm(refresh));

        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Contains("invalid_grant", await stolen.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(48, own.GetProperty("refresh_token").GetString()!.Length);
    }

    [Fact]
    public async Task A_failure_between_spending_a_refresh_token_and_writing_the_next_pair_spends_nothing()
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        using var http = new HttpClient { BaseAddress = session.Server.BaseAddress };
        var refresh = (await SignInAsync(http, ServerSession.PasswordForm())).GetProperty("refresh_token").GetString()!;
        await using (var connection = await session.OpenDatabase().OpenAsync(Ct))
        {
            await connection.ExecuteAsync(null, "CREATE TABLE fail_token_writes (x INTEGER)", Ct);
            await connection.ExecuteAsync(null, "INSERT INTO fail_token_writes VALUES (1)", Ct);
            await connection.ExecuteAsync(
                null,
                "CREATE TRIGGER fail_token_writes BEFORE INSERT ON tokens WHEN (SELECT COUNT(*) FROM fail_token_writes) > 0 BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
                Ct);
        }

        using var failed = await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(ServerSession.RefreshForm(refresh)), Ct);
        await using (var connection = await session.OpenDatabase().OpenAsync(Ct))
        {
            await connection.ExecuteAsync(null, "DELETE FROM fail_token_writes", Ct);
        }

        var after = await SignInAsync(http, ServerSession.RefreshForm(refresh));

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.DoesNotContain("injected", await failed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(48, after.GetProperty("access_token").GetString()!.Length);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Passwords_client_secrets_and_tokens_are_stored_only_as_hashes(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        using var client = new FlowerPowerClient(session.Options());
        await client.GetProfileAsync(Ct);

        var stored = new List<string>();
        var database = session.OpenDatabase();
        await using var connection = await database.OpenAsync(Ct);
        // The test client's secret; the web garden's own client (migration 4) is held to the same rule below.
        foreach (var query in new[] { "SELECT password_hash FROM users", $"SELECT secret_hash FROM clients WHERE client_id = '{ServerSession.ClientId}'", "SELECT token_hash FROM tokens" })
        {
            await using var command = connection.Command(null, query);
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                stored.Add(reader.GetString(0));
            }
        }

        Assert.All(stored.Take(2), s => Assert.StartsWith("pbkdf2-sha256$600000$", s, StringComparison.Ordinal));
        Assert.StartsWith("hmac-sha256$", stored[2], StringComparison.Ordinal);
        Assert.True(stored.Count >= 5, $"{stored.Count} secrets stored");
        Assert.All(stored, s => Assert.DoesNotContain(ServerSession.Password, s, StringComparison.Ordinal));
        Assert.All(stored, s => Assert.DoesNotContain(ServerSession.ClientSecret, s, StringComparison.Ordinal));
        Assert.All(stored.Skip(3), s => Assert.Matches("^[0-9a-f]{64}$", s));
        var webSecret = await connection.ScalarAsync<string>(null, "SELECT value FROM server_settings WHERE name = 'web_client_secret'", Ct);
        var webHash = await connection.ScalarAsync<string>(null, "SELECT secret_hash FROM clients WHERE client_id = 'flowerpower-web'", Ct);
        Assert.StartsWith("hmac-sha256$", webHash, StringComparison.Ordinal);
        Assert.DoesNotContain(webSecret!, webHash, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_password_and_a_client_secret_kept_by_an_older_version_still_sign_in_and_are_kept_anew(string kind)
    {
        static string Old(string secret)
        {
            var salt = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
            var hash = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(
                System.Text.Encoding.UTF8.GetBytes(secret), salt, 210_000, System.Security.Cryptography.HashAlgorithmName.SHA256, 32);
            return $"pbkdf2-sha256$210000${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
        }

        await using var session = await ServerSession.StartAsync(kind);
        await using (var connection = await session.OpenDatabase().OpenAsync(Ct))
        {
            await connection.ExecuteAsync(null, "UPDATE users SET password_hash = @h WHERE email = @e", Ct, ("@h", Old(ServerSession.Password)), ("@e", ServerSession.Alice));
            await connection.ExecuteAsync(null, "UPDATE clients SET secret_hash = @h WHERE client_id = @c", Ct, ("@h", Old(ServerSession.ClientSecret)), ("@c", ServerSession.ClientId));
        }

        using var client = new FlowerPowerClient(session.Options());
        var profile = await client.GetProfileAsync(Ct);

        await using var check = await session.OpenDatabase().OpenAsync(Ct);
        Assert.Equal(ServerSession.Alice, profile.UserProfile!.Email);
        Assert.StartsWith("pbkdf2-sha256$600000$", await check.ScalarAsync<string>(null, "SELECT password_hash FROM users WHERE email = @e", Ct, ("@e", ServerSession.Alice)), StringComparison.Ordinal);
        Assert.StartsWith("hmac-sha256$", await check.ScalarAsync<string>(null, "SELECT secret_hash FROM clients WHERE client_id = @c", Ct, ("@c", ServerSession.ClientId)), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> SignInAsync(HttpClient http, Dictionary<string, string> form)
    {
        using var response = await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(form), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }
}
