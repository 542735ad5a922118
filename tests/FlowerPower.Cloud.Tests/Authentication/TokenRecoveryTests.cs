using System.Net;
using FlowerPower.Cloud.Tests.TestSupport;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace FlowerPower.Cloud.Tests.Authentication;

/// <summary>
/// How the client comes back from a token it cannot renew: a refresh answer lost on the way (the server spent the
/// token, the retry is refused), a token endpoint down at the moment of an early refresh, and a token store that
/// fails, hangs or puts a token in its error message.
/// </summary>
public sealed class TokenRecoveryTests : IDisposable
{
    private const string Profile = "/user/v4/profile";
    private const string RefreshToken3 = "REFRESH3eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";
    private readonly StubCloud _cloud = new();
    private readonly TimerWatchingTimeProvider _time = new(new DateTimeOffset(2019, 2, 1, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _cloud.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_lost_refresh_answer_fails_one_call_with_what_to_do_and_later_calls_ask_the_server_no_more()
    {
        var store = new InMemoryTokenStore();
        var account = TestCredentials.Key(_cloud.BaseAddress);
        await store.SaveAsync(account, new TokenSet { RefreshToken = TestCredentials.RefreshToken1 }, Ct);
        _cloud.WithGet(Profile, Fixtures.Read("barnabas_profile.json"));

        // The server spends the token and its answer is lost on the way; the client's retry presents the spent token.
        _cloud.Server.Given(RefreshWith(TestCredentials.RefreshToken1)).InScenario("lost").WillSetStateTo("spent")
            .RespondWith(StubCloud.Json(TestCredentials.TokenJson(TestCredentials.AccessToken1, "REFRESH-never-seen-ffffffffffffffffffffffffffffff")));
        _cloud.Server.Given(RefreshWith(TestCredentials.RefreshToken1)).InScenario("lost").WhenStateIs("spent")
            .RespondWith(StubCloud.Json("""{"error":"invalid_grant"}""", HttpStatusCode.BadRequest));
        var logs = new CapturingLoggerFactory();
        using var client = new FlowerPowerClient(_cloud.Options(o => o.Password = null), logs, store, _time, new FirstAnswerLostHandler());

        var first = await Assert.ThrowsAsync<FlowerPowerAuthenticationException>(() => client.GetProfileAsync(Ct));
        Assert.Equal(2, _cloud.TokenRequests("refresh_token").Count);
        Assert.Equal("invalid_grant", first.OAuthError);
        Assert.Contains("Sign in again", first.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(FlowerPowerClientOptions.Password), first.Message, StringComparison.Ordinal);
        Assert.Single(logs.Lines, l => l.EventId.Id == 1009);

        for (var i = 0; i < 5; i++)
        {
            var later = await Assert.ThrowsAsync<FlowerPowerAuthenticationException>(() => client.GetProfileAsync(Ct));
            Assert.Equal("invalid_grant", later.OAuthError);
        }

        Assert.Equal(2, _cloud.TokenRequests("refresh_token").Count);
        Assert.Empty(_cloud.Requests(Profile));

        // Another instance (or the owner) saves a new refresh token: the next call uses it.
        _cloud.Server.Given(RefreshWith(RefreshToken3))
            .RespondWith(StubCloud.Json(TestCredentials.TokenJson(TestCredentials.AccessToken2, TestCredentials.RefreshToken2)));
        await store.SaveAsync(account, new TokenSet { RefreshToken = RefreshToken3 }, Ct);

        Assert.NotNull((await client.GetProfileAsync(Ct)).UserProfile);
        Assert.Equal("Bearer " + TestCredentials.AccessToken2, Assert.Single(_cloud.Requests(Profile)).Headers!["Authorization"].Single());
        Assert.Equal(TestCredentials.RefreshToken2, (await store.GetAsync(account, Ct))!.RefreshToken);
        Assert.DoesNotContain(TestCredentials.RefreshToken1, logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_early_refresh_keeps_the_valid_token_and_tries_again_after_the_delay()
    {
        _cloud.WithPasswordGrant(expiresIn: 1000).WithGet(Profile, Fixtures.Read("barnabas_profile.json"));
        _cloud.Server.Given(StubCloud.Token("refresh_token")).RespondWith(Response.Create().WithStatusCode(503));
        var logs = new CapturingLoggerFactory();
        using var client = new FlowerPowerClient(_cloud.Options(o => o.Retry.MaxRetryAttempts = 0), logs, timeProvider: _time);
        await client.GetProfileAsync(Ct);

        // The token is refreshed 100 s (a tenth of its life) before it expires; the endpoint is down then.
        _time.Advance(TimeSpan.FromSeconds(905));
        await client.GetProfileAsync(Ct);
        Assert.Single(_cloud.TokenRequests("refresh_token"));
        var warning = Assert.Single(logs.Lines, l => l.EventId.Id == 1008);
        Assert.Contains("503", warning.Message, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromSeconds(20));
        await client.GetProfileAsync(Ct);
        Assert.Single(_cloud.TokenRequests("refresh_token"));

        _cloud.WithRefreshGrant();
        _time.Advance(TimeSpan.FromSeconds(11));
        await client.GetProfileAsync(Ct);

        Assert.Equal(2, _cloud.TokenRequests("refresh_token").Count);
        var calls = _cloud.Requests(Profile);
        Assert.Equal(4, calls.Count);
        Assert.Equal(
            [TestCredentials.AccessToken1, TestCredentials.AccessToken1, TestCredentials.AccessToken1, TestCredentials.AccessToken2],
            calls.Select(c => c.Headers!["Authorization"].Single()["Bearer ".Length..]));
    }

    [Fact]
    public async Task Once_the_token_has_expired_a_failed_refresh_fails_the_call()
    {
        _cloud.WithPasswordGrant(expiresIn: 1000).WithGet(Profile, Fixtures.Read("barnabas_profile.json"));
        _cloud.Server.Given(StubCloud.Token("refresh_token")).RespondWith(Response.Create().WithStatusCode(503));
        using var client = new FlowerPowerClient(_cloud.Options(o => o.Retry.MaxRetryAttempts = 0), timeProvider: _time);
        await client.GetProfileAsync(Ct);

        _time.Advance(TimeSpan.FromSeconds(1001));

        await Assert.ThrowsAsync<FlowerPowerServerException>(() => client.GetProfileAsync(Ct));
        Assert.Single(_cloud.Requests(Profile));
    }

    [Fact]
    public async Task A_token_a_server_rejected_is_not_used_again_when_its_refresh_fails()
    {
        _cloud.WithPasswordGrant().Server.Given(StubCloud.Token("refresh_token")).RespondWith(Response.Create().WithStatusCode(503));
        _cloud.Server.Given(Request.Create().WithPath(Profile).UsingGet()).RespondWith(Response.Create().WithStatusCode(401));
        using var client = new FlowerPowerClient(_cloud.Options(o => o.Retry.MaxRetryAttempts = 0), timeProvider: _time);

        await Assert.ThrowsAsync<FlowerPowerServerException>(() => client.GetProfileAsync(Ct));

        Assert.Single(_cloud.Requests(Profile));
    }

    [Fact]
    public async Task A_store_that_stops_answering_is_abandoned_at_its_time_limit_and_the_call_goes_on()
    {
        _cloud.WithPasswordGrant().WithGet(Profile, Fixtures.Read("barnabas_profile.json"));
        var store = new HangingTokenStore();
        var logs = new CapturingLoggerFactory();
        using var client = new FlowerPowerClient(_cloud.Options(o => o.TokenStoreTimeout = TimeSpan.FromSeconds(2)), logs, store, _time);

        var call = client.GetProfileAsync(Ct);
        await EndStoreWaitAsync();
        await EndStoreWaitAsync();

        Assert.NotNull((await call.WaitAsync(TimeSpan.FromSeconds(30), Ct)).UserProfile);
        Assert.Single(_cloud.TokenRequests("password"));
        Assert.Equal(2, store.Calls);
        Assert.True(store.AllCancelled);
        Assert.Contains(logs.Lines, l => l.EventId.Id == 1007 && l.Message.Contains(nameof(TimeoutException), StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.EventId.Id == 1006 && l.Message.Contains(nameof(TimeoutException), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_store_whose_errors_quote_the_tokens_is_logged_without_them()
    {
        _cloud.WithPasswordGrant(expiresIn: 100).WithRefreshGrant().WithGet(Profile, Fixtures.Read("barnabas_profile.json"));
        var logs = new CapturingLoggerFactory();
        using var client = new FlowerPowerClient(_cloud.Options(), logs, new QuotingTokenStore(), _time);

        await client.GetProfileAsync(Ct);
        _time.Advance(TimeSpan.FromSeconds(95));
        await client.GetProfileAsync(Ct);

        Assert.Equal(2, logs.Lines.Count(l => l.EventId.Id == 1006));
        Assert.Equal(2, logs.Lines.Count(l => l.EventId.Id == 1007));
        Assert.All(logs.Lines, l => Assert.Null(l.Exception));
        foreach (var secret in TestCredentials.Secrets)
        {
            Assert.DoesNotContain(secret, logs.AllText, StringComparison.Ordinal);
        }

        Assert.Contains("***", logs.AllText, StringComparison.Ordinal);
    }

    private static IRequestBuilder RefreshWith(string refreshToken) =>
        Request.Create().WithPath("/user/v1/authenticate").UsingPost()
            .WithBody(new WildcardMatcher($"*grant_type=refresh_token*refresh_token={refreshToken}*"));

    /// <summary>Waits until the store call's time limit is running, then ends it.</summary>
    private async Task EndStoreWaitAsync()
    {
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(2), Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        _time.Advance(TimeSpan.FromSeconds(2));
    }

    /// <summary>Sends every request; the answer to the first token request is lost (the connection drops after the server acted).</summary>
    private sealed class FirstAnswerLostHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _tokenRequests;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath.EndsWith("/authenticate", StringComparison.Ordinal) && Interlocked.Increment(ref _tokenRequests) == 1)
            {
                response.Dispose();
                throw new HttpRequestException("The connection was reset.", new IOException("Connection reset by peer"));
            }

            return response;
        }
    }

    /// <summary>A store that never answers and ignores its cancellation (a Redis that stopped answering), noting whether it was cancelled.</summary>
    private sealed class HangingTokenStore : ITokenStore
    {
        private readonly List<CancellationToken> _tokens = [];

        public int Calls => _tokens.Count;

        public bool AllCancelled => _tokens.All(t => t.IsCancellationRequested);

        public ValueTask<TokenSet?> GetAsync(TokenStoreKey key, CancellationToken cancellationToken = default)
        {
            _tokens.Add(cancellationToken);
            return new ValueTask<TokenSet?>(new TaskCompletionSource<TokenSet?>().Task);
        }

        public ValueTask SaveAsync(TokenStoreKey key, TokenSet tokens, CancellationToken cancellationToken = default)
        {
            _tokens.Add(cancellationToken);
            return new ValueTask(new TaskCompletionSource().Task);
        }
    }

    /// <summary>A store whose failures quote the tokens it was given or last held, as careless serializers do.</summary>
    private sealed class QuotingTokenStore : ITokenStore
    {
        private TokenSet? _last;

        public ValueTask<TokenSet?> GetAsync(TokenStoreKey key, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException($"Entry damaged: refresh_token={_last?.RefreshToken}, access_token={_last?.AccessToken}");

        public ValueTask SaveAsync(TokenStoreKey key, TokenSet tokens, CancellationToken cancellationToken = default)
        {
            _last = tokens;
            throw new InvalidOperationException($"Cannot write {{\"refresh_token\":\"{tokens.RefreshToken}\",\"access_token\":\"{tokens.AccessToken}\"}}");
        }
    }
}
