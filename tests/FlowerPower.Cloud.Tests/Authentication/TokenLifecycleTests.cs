using System.Net;
using FlowerPower.Cloud.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace FlowerPower.Cloud.Tests.Authentication;

public sealed class TokenLifecycleTests : IDisposable
{
    private const string Profile = "/user/v4/profile";
    private readonly StubCloud _cloud = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2019, 2, 1, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _cloud.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task First_call_signs_in_once_and_later_calls_reuse_the_token()
    {
        _cloud.WithPasswordGrant().WithGet(Profile, Fixtures.Read("barnabas_profile.json"));
        using var client = new FlowerPowerClient(_cloud.Options(), timeProvider: _time);

        Assert.Empty(_cloud.TokenRequests());
        await client.GetProfileAsync(Ct);
        await client.GetProfileAsync(Ct);
        await client.GetProfileAsync(Ct);

        Assert.Single(_cloud.TokenRequests("password"));
        Assert.Equal(3, _cloud.Requests(Profile).Count);
    }

    [Fact]
    public async Task Fifty_concurrent_first_calls_make_exactly_one_token_request()
    {
        // The token answer is held back so that every call is already waiting for it: the race single flight must win.
        _cloud.WithPasswordGrant(delay: TimeSpan.FromMilliseconds(300)).WithGet(Profile, Fixtures.Read("barnabas_profile.json"));
        using var client = new FlowerPowerClient(_cloud.Options(), timeProvider: _time);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.GetProfileAsync(Ct)));

        Assert.Single(_cloud.TokenRequests());
        Assert.Equal(50, _cloud.Requests(Profile).Count);
        Assert.All(_cloud.Requests(Profile), r => Assert.Equal("Bearer " + TestCredentials.AccessToken1, r.Headers!["Authorization"].Single()));
    }

    [Fact]
    public async Task Expiry_triggers_one_refresh_grant_before_the_next_call()
    {
        _cloud.WithPasswordGrant().WithRefreshGrant().WithGet(Profile, Fixtures.Read("barnabas_profile.json"));
        using var client = new FlowerPowerClient(_cloud.Options(), timeProvider: _time);

        await client.GetProfileAsync(Ct);
        _time.Advance(TimeSpan.FromHours(47));
        await client.GetProfileAsync(Ct);
        Assert.Empty(_cloud.TokenRequests("refresh_token"));

        _time.Advance(TimeSpan.FromMinutes(56));
        await client.GetProfileAsync(Ct);
        await client.GetProfileAsync(Ct);

        var refresh = Assert.Single(_cloud.TokenRequests("refresh_token"));
        Assert.Contains("refresh_token=" + TestCredentials.RefreshToken1, refresh.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("password=", refresh.Body, StringComparison.Ordinal);
        Assert.Single(_cloud.TokenRequests("password"));
        var profileCalls = _cloud.Requests(Profile);
        Assert.Equal("Bearer " + TestCredentials.AccessToken1, profileCalls[1].Headers!["Authorization"].Single());
        Assert.Equal("Bearer " + TestCredentials.AccessToken2, profileCalls[2].Headers!["Authorization"].Single());
        Assert.Equal("Bearer " + TestCredentials.AccessToken2, profileCalls[3].Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task A_very_short_lifetime_still_refreshes_before_expiry()
    {
        _cloud.WithPasswordGrant(expiresIn: 10).WithRefreshGrant(expiresIn: 10).WithGet(Profile, Fixtures.Read("barnabas_profile.json"));
        using var client = new FlowerPowerClient(_cloud.Options(), timeProvider: _time);

        await client.GetProfileAsync(Ct);
        _time.Advance(TimeSpan.FromSeconds(8.5));
        await client.GetProfileAsync(Ct);
        Assert.Empty(_cloud.TokenRequests("refresh_token"));

        _time.Advance(TimeSpan.FromSeconds(0.6));
        await client.GetProfileAsync(Ct);
        Assert.Single(_cloud.TokenRequests("refresh_token"));
    }

    [Fact]
    public async Task A_401_forces_one_refresh_and_one_replay()
    {
        _cloud.WithPasswordGrant().WithRefreshGrant();
        _cloud.Server.Given(Request.Create().WithPath(Profile).UsingGet()).InScenario("401").WillSetStateTo("rejected")
            .RespondWith(Response.Create().WithStatusCode(401));
        _cloud.Server.Given(Request.Create().WithPath(Profile).UsingGet()).InScenario("401").WhenStateIs("rejected")
            .RespondWith(StubCloud.Json(Fixtures.Read("barnabas_profile.json")));
        using var client = new FlowerPowerClient(_cloud.Options(), timeProvider: _time);

        var profile = await client.GetProfileAsync(Ct);

        Assert.NotNull(profile.UserProfile);
        var calls = _cloud.Requests(Profile);
        Assert.Equal(2, calls.Count);
        Assert.Equal("Bearer " + TestCredentials.AccessToken1, calls[0].Headers!["Authorization"].Single());
        Assert.Equal("Bearer " + TestCredentials.AccessToken2, calls[1].Headers!["Authorization"].Single());
        Assert.Single(_cloud.TokenRequests("refresh_token"));
    }

    [Fact]
    public async Task A_second_401_throws_authentication_without_a_third_attempt()
    {
        _cloud.WithPasswordGrant().WithRefreshGrant();
        _cloud.Server.Given(Request.Create().WithPath(Profile).UsingGet()).RespondWith(Response.Create().WithStatusCode(401));
        using var client = new FlowerPowerClient(_cloud.Options(), timeProvider: _time);

        var error = await Assert.ThrowsAsync<FlowerPowerAuthenticationException>(() => client.GetProfileAsync(Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(2, _cloud.Requests(Profile).Count);
        Assert.Equal(2, _cloud.TokenRequests().Count);
    }

    [Fact]
    public async Task Refresh_answered_invalid_grant_falls_back_to_one_password_sign_in()
    {
        _cloud.WithPasswordGrant(expiresIn: 100).WithGet(Profile, Fixtures.Read("barnabas_profile.json"));
        _cloud.Server.Given(StubCloud.Token("refresh_token")).RespondWith(StubCloud.Json("""{"error":"invalid_grant"}""", HttpStatusCode.BadRequest));
        using var client = new FlowerPowerClient(_cloud.Options(), timeProvider: _time);

        await client.GetProfileAsync(Ct);
        _time.Advance(TimeSpan.FromSeconds(95));
        await client.GetProfileAsync(Ct);

        Assert.Single(_cloud.TokenRequests("refresh_token"));
        Assert.Equal(2, _cloud.TokenRequests("password").Count);
        Assert.Equal(2, _cloud.Requests(Profile).Count);
    }

    [Fact]
    public async Task Refresh_rejected_with_no_password_throws_authentication_once()
    {
        var store = new InMemoryTokenStore();
        await store.SaveAsync(TestCredentials.Key(_cloud.BaseAddress), new TokenSet { RefreshToken = TestCredentials.RefreshToken1 }, Ct);
        _cloud.Server.Given(StubCloud.Token("refresh_token")).RespondWith(StubCloud.Json("""{"error":"invalid_grant"}""", HttpStatusCode.BadRequest));
        using var client = new FlowerPowerClient(_cloud.Options(o => o.Password = null), tokenStore: store, timeProvider: _time);

        var error = await Assert.ThrowsAsync<FlowerPowerAuthenticationException>(() => client.GetProfileAsync(Ct));

        Assert.Equal("invalid_grant", error.OAuthError);
        Assert.Single(_cloud.TokenRequests());
    }

    [Fact]
    public async Task Invalid_client_throws_with_the_oauth_error_and_is_never_retried()
    {
        _cloud.Server.Given(StubCloud.Token("password")).RespondWith(StubCloud.Json("""{"error":"invalid_client"}""", HttpStatusCode.BadRequest));
        using var client = new FlowerPowerClient(_cloud.Options(o => o.Retry.MaxRetryAttempts = 5), timeProvider: _time);

        var error = await Assert.ThrowsAsync<FlowerPowerAuthenticationException>(() => client.GetProfileAsync(Ct));

        Assert.Equal("invalid_client", error.OAuthError);
        Assert.Single(_cloud.TokenRequests());
        Assert.Empty(_cloud.Requests(Profile));
    }

    [Fact]
    public async Task A_persisted_refresh_token_is_used_instead_of_the_password_and_the_rotated_one_is_saved()
    {
        var store = new InMemoryTokenStore();
        var account = TestCredentials.Key(_cloud.BaseAddress);
        await store.SaveAsync(account, new TokenSet { RefreshToken = TestCredentials.RefreshToken1 }, Ct);
        _cloud.WithRefreshGrant().WithGet(Profile, Fixtures.Read("barnabas_profile.json"));
        using var client = new FlowerPowerClient(_cloud.Options(o => o.Password = null), tokenStore: store, timeProvider: _time);

        await client.GetProfileAsync(Ct);

        var token = Assert.Single(_cloud.TokenRequests());
        Assert.Contains("grant_type=refresh_token", token.Body, StringComparison.Ordinal);
        Assert.Contains("refresh_token=" + TestCredentials.RefreshToken1, token.Body, StringComparison.Ordinal);
        Assert.Equal(TestCredentials.RefreshToken2, (await store.GetAsync(account, Ct))!.RefreshToken);
    }

    [Fact]
    public async Task The_password_grants_refresh_token_is_saved_to_the_store()
    {
        var store = new InMemoryTokenStore();
        _cloud.WithPasswordGrant().WithGet(Profile, Fixtures.Read("barnabas_profile.json"));
        using var client = new FlowerPowerClient(_cloud.Options(), tokenStore: store, timeProvider: _time);

        await client.GetProfileAsync(Ct);

        var saved = await store.GetAsync(TestCredentials.Key(_cloud.BaseAddress), Ct);
        Assert.Equal(TestCredentials.RefreshToken1, saved!.RefreshToken);
        Assert.Equal(TestCredentials.AccessToken1, saved.AccessToken);
        Assert.Equal(_time.GetUtcNow().AddSeconds(172800), saved.AccessTokenExpiresAt);
    }

    [Fact]
    public async Task A_caller_cancelling_its_wait_for_the_token_does_not_fail_the_others()
    {
        // The token answer is held back so that every call is already waiting for it: the race single flight must win.
        _cloud.WithPasswordGrant(delay: TimeSpan.FromMilliseconds(300)).WithGet(Profile, Fixtures.Read("barnabas_profile.json"));
        using var client = new FlowerPowerClient(_cloud.Options(), timeProvider: _time);
        using var cancel = new CancellationTokenSource();

        var cancelled = client.GetProfileAsync(cancel.Token);
        var other = client.GetProfileAsync(Ct);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.NotNull((await other).UserProfile);
        Assert.Single(_cloud.TokenRequests());
    }
}
