using System.Diagnostics;
using System.Net;
using FlowerPower.Cloud.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace FlowerPower.Cloud.Tests.Diagnostics;

/// <summary>No password, client secret or token in a log line, an exception, a trace tag or a ToString().</summary>
public sealed class SecretLeakTests : IDisposable
{
    private readonly StubCloud _cloud = new();
    private readonly CapturingLoggerFactory _logs = new();
    private readonly List<string> _traceText = [];
    private readonly ActivityListener _listener;

    public SecretLeakTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FlowerPowerDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (_traceText)
                {
                    _traceText.Add(activity.DisplayName + " " + activity.StatusDescription + " " +
                                   string.Join(" ", activity.TagObjects.Select(t => $"{t.Key}={t.Value}")) + " " +
                                   string.Join(" ", activity.Events.Select(e => e.Name)));
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _cloud.Dispose();
    }

    [Fact]
    public async Task Nothing_the_client_emits_contains_a_secret()
    {
        var leakyBody = $"<html>debug: access_token={TestCredentials.AccessToken1} password={TestCredentials.Password} " +
                        $"Authorization: Bearer {TestCredentials.AccessToken1} secret {TestCredentials.ClientSecret}</html>";
        _cloud.WithPasswordGrant().WithRefreshGrant();
        _cloud.WithGet("/user/v4/profile", Fixtures.Read("barnabas_profile.json"));
        _cloud.Server.Given(Request.Create().WithPath("/garden/v1/status").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "text/html").WithBody(leakyBody));
        _cloud.Server.Given(Request.Create().WithPath("/garden/v2/configuration").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/html").WithBody(leakyBody));
        _cloud.Server.Given(Request.Create().WithPath("/user/v1/versions").UsingGet()).RespondWith(Response.Create().WithStatusCode(401));
        _cloud.WithGet("/sensor_data/v6/sample/location/x",
            $$"""{"errors":[{"error_code":9000,"error_message":"token {{TestCredentials.AccessToken1}} unknown"}]}""");
        var options = _cloud.Options(o => o.Retry.MaxRetryAttempts = 1);
        using var client = new FlowerPowerClient(options, _logs);

        var texts = new List<string>();
        await client.GetProfileAsync(TestContext.Current.CancellationToken);
        texts.Add((await Assert.ThrowsAnyAsync<FlowerPowerException>(() => client.GetGardenStatusAsync(TestContext.Current.CancellationToken))).ToString());
        texts.Add((await Assert.ThrowsAnyAsync<FlowerPowerException>(() => client.GetGardenConfigurationAsync(TestContext.Current.CancellationToken))).ToString());
        var responseError = await Assert.ThrowsAsync<FlowerPowerResponseException>(() => client.GetGardenConfigurationAsync(TestContext.Current.CancellationToken));
        texts.Add(responseError.BodyPreview ?? string.Empty);
        texts.Add((await Assert.ThrowsAnyAsync<FlowerPowerException>(() => client.GetVersionsAsync(TestContext.Current.CancellationToken))).ToString());
        var notFound = await Assert.ThrowsAsync<FlowerPowerNotFoundException>(() => client.GetSamplesAsync(
            "x", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), TestContext.Current.CancellationToken));
        texts.Add(notFound.ToString());
        texts.Add(notFound.ServerMessage ?? string.Empty);
        texts.AddRange(notFound.Errors.Select(e => e.ErrorMessage ?? string.Empty));

        texts.Add(options.ToString());
        texts.Add(options.Retry.ToString());
        texts.Add(_logs.AllText);
        lock (_traceText)
        {
            texts.AddRange(_traceText);
        }

        Assert.NotEmpty(_logs.Lines);
        Assert.Contains(_logs.Lines, l => l.EventId.Id == 1005);
        var all = string.Join(Environment.NewLine, texts);
        foreach (var secret in TestCredentials.Secrets)
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }

        Assert.Contains("***", responseError.BodyPreview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_endpoint_failures_never_show_the_password_or_client_secret()
    {
        _cloud.Server.Given(StubCloud.Token("password")).RespondWith(StubCloud.Json(
            $$"""{"error":"invalid_grant","error_description":"bad password {{TestCredentials.Password}} for client_secret={{TestCredentials.ClientSecret}}"}""",
            HttpStatusCode.BadRequest));
        using var client = new FlowerPowerClient(_cloud.Options(), _logs);

        var error = await Assert.ThrowsAsync<FlowerPowerAuthenticationException>(() => client.GetProfileAsync(TestContext.Current.CancellationToken));

        var all = error + Environment.NewLine + error.ServerMessage + Environment.NewLine + _logs.AllText;
        foreach (var secret in TestCredentials.Secrets)
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Token_store_and_options_describe_themselves_without_secrets()
    {
        var store = new InMemoryTokenStore();
        var tokens = new TokenSet { RefreshToken = TestCredentials.RefreshToken1, AccessToken = TestCredentials.AccessToken1 };
        await store.SaveAsync(TestCredentials.Key(new Uri("https://example.invalid")), tokens, TestContext.Current.CancellationToken);
        var options = TestCredentials.Options(new Uri("https://example.invalid"));

        var text = store + options.ToString() + tokens;

        Assert.DoesNotContain(TestCredentials.RefreshToken1, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCredentials.AccessToken1, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCredentials.Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCredentials.ClientSecret, text, StringComparison.Ordinal);
        Assert.Contains(TestCredentials.Username, text, StringComparison.Ordinal);
    }
}
