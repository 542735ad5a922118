using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FlowerPower.Cloud.Server.Storage;
using FlowerPower.Cloud.Tests.TestSupport;

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
    public async Task Refresh_tokens_rotate_and_a_used_one_is_refused(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        using var http = new HttpClient { BaseAddress = session.Server.BaseAddress };

        var first = await SignInAsync(http, new()
        {
            ["grant_type"] = "password", ["username"] = ServerSession.Alice, ["password"] = ServerSession.Password,
            ["client_id"] = ServerSession.ClientId, ["client_secret"] = ServerSession.ClientSecret,
        });
        var refresh = first.GetProperty("refresh_token").GetString()!;
        Dictionary<string, string> Refresh() => new()
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refresh,
            ["client_id"] = ServerSession.ClientId, ["client_secret"] = ServerSession.ClientSecret,
        };
        var second = await SignInAsync(http, Refresh());
        using var reused = await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(Refresh()), Ct);

        Assert.NotEqual(refresh, second.GetProperty("refresh_token").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("invalid_grant", await reused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", second.GetProperty("access_token").GetString());
        using var profile = await http.GetAsync("user/v4/profile", Ct);
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
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
        foreach (var query in new[] { "SELECT password_hash FROM users", "SELECT secret_hash FROM clients", "SELECT token_hash FROM tokens" })
        {
            await using var command = connection.Command(null, query);
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                stored.Add(reader.GetString(0));
            }
        }

        Assert.All(stored.Take(3), s => Assert.StartsWith("pbkdf2-sha256$210000$", s, StringComparison.Ordinal));
        Assert.True(stored.Count >= 5, $"{stored.Count} secrets stored");
        Assert.All(stored, s => Assert.DoesNotContain(ServerSession.Password, s, StringComparison.Ordinal));
        Assert.All(stored, s => Assert.DoesNotContain(ServerSession.ClientSecret, s, StringComparison.Ordinal));
        Assert.All(stored.Skip(3), s => Assert.Matches("^[0-9a-f]{64}$", s));
    }

    private static async Task<JsonElement> SignInAsync(HttpClient http, Dictionary<string, string> form)
    {
        using var response = await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(form), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }
}
