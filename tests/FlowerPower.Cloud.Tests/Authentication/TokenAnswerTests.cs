using System.Net;
using FlowerPower.Cloud.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace FlowerPower.Cloud.Tests.Authentication;

/// <summary>A token the server sends is checked before it is used or stored; a 401 that outlives the refresh is about the credentials.</summary>
public sealed class TokenAnswerTests : IDisposable
{
    private const string Profile = "/user/v4/profile";
    private readonly StubCloud _cloud = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2019, 2, 1, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _cloud.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("ACCESS\\r\\nX-Injected: 1")]
    [InlineData("ACCESS\\nsecond-line")]
    [InlineData("ACCESS\\u0000nul")]
    [InlineData("ACCESS with spaces")]
    [InlineData("ACCESS\\u00e9t\\u00e9")]
    [InlineData("ACCESS,comma\\\"quote")]
    [InlineData("==")]
    public async Task An_access_token_no_header_can_carry_is_refused_before_it_is_used_or_stored(string token)
    {
        _cloud.Server.Given(StubCloud.Token("password")).RespondWith(StubCloud.Json(
            $$"""{"access_token":"{{token}}","expires_in":172800,"refresh_token":"{{TestCredentials.RefreshToken1}}"}"""));
        _cloud.WithGet(Profile, Fixtures.Read("barnabas_profile.json"));
        var store = new InMemoryTokenStore();
        using var client = new FlowerPowerClient(_cloud.Options(), tokenStore: store, timeProvider: _time);

        var error = await Assert.ThrowsAsync<FlowerPowerResponseException>(() => client.GetProfileAsync(Ct));

        Assert.Equal("Authenticate", error.Operation);
        Assert.Contains("access_token", error.Message, StringComparison.Ordinal);
        Assert.Empty(_cloud.Requests(Profile));
        Assert.Null(await store.GetAsync(TestCredentials.Key(_cloud.BaseAddress), Ct));
        Assert.DoesNotContain("ACCESS", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestCredentials.RefreshToken1, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_token_no_form_can_carry_is_refused_too()
    {
        _cloud.Server.Given(StubCloud.Token("password")).RespondWith(StubCloud.Json(
            $$"""{"access_token":"{{TestCredentials.AccessToken1}}","expires_in":172800,"refresh_token":"REFRESH\r\nbad"}"""));
        using var client = new FlowerPowerClient(_cloud.Options(), timeProvider: _time);

        var error = await Assert.ThrowsAsync<FlowerPowerResponseException>(() => client.GetProfileAsync(Ct));

        Assert.Contains("refresh_token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCredentials.AccessToken1, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"access_token":["TOKEN-IN-AN-ARRAY-0123456789"],"expires_in":172800""")]
    [InlineData("""{"access_token":"TOKEN-CUT-OFF-0123456789""")]
    [InlineData("""{"access_token":"TOKEN-WITH-BAD-EXPIRY-0123456789","expires_in":"soon"}""")]
    public async Task A_mangled_token_answer_is_masked_by_shape_in_its_preview(string answer)
    {
        _cloud.Server.Given(StubCloud.Token("password")).RespondWith(StubCloud.Json(answer));
        using var client = new FlowerPowerClient(_cloud.Options(o => o.Retry.MaxRetryAttempts = 0), timeProvider: _time);

        var error = await Assert.ThrowsAsync<FlowerPowerResponseException>(() => client.GetProfileAsync(Ct));

        Assert.NotNull(error.BodyPreview);
        Assert.Contains("access_token", error.BodyPreview, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, 8008)]
    [InlineData(401, 8000)]
    [InlineData(401, 9000)]
    [InlineData(403, 8008)]
    public async Task A_401_or_403_after_the_replay_is_an_authentication_failure_with_the_servers_code(int status, int code)
    {
        _cloud.WithPasswordGrant().WithRefreshGrant();
        _cloud.WithGet(Profile, $$"""{"errors":[{"error_code":{{code}},"error_message":"The access token is missing, unknown or expired"}]}""", (HttpStatusCode)status);
        using var client = new FlowerPowerClient(_cloud.Options(), timeProvider: _time);

        var error = await Assert.ThrowsAsync<FlowerPowerAuthenticationException>(() => client.GetProfileAsync(Ct));

        var requests = status == 401 ? 2 : 1;
        Assert.Equal(code, error.ErrorCode);
        Assert.NotNull(error.ErrorName);
        Assert.Equal(FlowerPowerErrorCategory.Authentication, error.Category);
        Assert.Equal(requests, error.Attempts);
        Assert.Contains(requests == 1 ? "1 attempt" : "2 attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(requests, _cloud.Requests(Profile).Count);
    }

    [Fact]
    public async Task The_emulators_own_401_after_a_revocation_that_sticks_is_an_authentication_failure()
    {
        _cloud.WithPasswordGrant().WithRefreshGrant();
        _cloud.Server.Given(Request.Create().WithPath(Profile).UsingGet()).RespondWith(Response.Create()
            .WithStatusCode(401).WithHeader("Content-Type", "application/json")
            .WithBody("""{"errors":[{"error_code":8008,"error_message":"The access token is missing, unknown or expired"}],"server_identifier":"emulator"}"""));
        using var client = new FlowerPowerClient(_cloud.Options(), timeProvider: _time);

        var error = await Assert.ThrowsAsync<FlowerPowerAuthenticationException>(() => client.GetProfileAsync(Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("emulator", error.ServerIdentifier);
        Assert.Equal(2, error.Attempts);
    }
}
