using System.Net;
using WireMock;
using WireMock.Logging;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>
/// A WireMock.Net server standing in for the cloud, with the stubs most tests need and a client wired to it.
/// One helper for every test class.
/// </summary>
internal sealed class StubCloud : IDisposable
{
    public const string EmptyEnvelope = """{"errors":[],"server_identifier":"stub","user_config_version":1,"garden_status_version":2}""";

    public StubCloud() => Server = WireMockServer.Start();

    public WireMockServer Server { get; }

    public Uri BaseAddress => new(Server.Url!);

    public FlowerPowerClientOptions Options(Action<FlowerPowerClientOptions>? configure = null)
    {
        var options = TestCredentials.Options(BaseAddress);
        configure?.Invoke(options);
        return options;
    }

    public StubCloud WithPasswordGrant(
        string accessToken = TestCredentials.AccessToken1, string refreshToken = TestCredentials.RefreshToken1, long expiresIn = 172800, TimeSpan? delay = null)
    {
        var response = Json(TestCredentials.TokenJson(accessToken, refreshToken, expiresIn));
        Server.Given(Token("password")).RespondWith(delay is { } wait ? response.WithDelay(wait) : response);
        return this;
    }

    public StubCloud WithRefreshGrant(string accessToken = TestCredentials.AccessToken2, string refreshToken = TestCredentials.RefreshToken2, long expiresIn = 172800)
    {
        Server.Given(Token("refresh_token")).RespondWith(Json(TestCredentials.TokenJson(accessToken, refreshToken, expiresIn)));
        return this;
    }

    public StubCloud WithGet(string path, string body, HttpStatusCode status = HttpStatusCode.OK)
    {
        Server.Given(Request.Create().WithPath(path).UsingGet()).RespondWith(Json(body, status));
        return this;
    }

    public static IRequestBuilder Token(string grantType) =>
        Request.Create().WithPath("/user/v1/authenticate").UsingPost()
            .WithBody(new WildcardMatcher($"*grant_type={grantType}*"));

    public static IResponseBuilder Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);

    public IReadOnlyList<IRequestMessage> Requests(string path) =>
        Server.LogEntries.Select(e => e.RequestMessage!).Where(r => r.Path == path).ToList();

    public IReadOnlyList<IRequestMessage> TokenRequests(string? grantType = null) =>
        Requests("/user/v1/authenticate")
            .Where(r => grantType is null || (r.Body ?? string.Empty).Contains($"grant_type={grantType}", StringComparison.Ordinal))
            .ToList();

    public IReadOnlyList<ILogEntry> Log => Server.LogEntries.ToList();

    /// <summary>Completes when <paramref name="path"/> has been answered more than <paramref name="count"/> times: an event, not a poll.</summary>
    public async Task WaitForRequestsAfterAsync(string path, int count, CancellationToken cancellationToken)
    {
        var more = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(object? sender, System.Collections.Specialized.NotifyCollectionChangedEventArgs e)
        {
            if (Requests(path).Count > count)
            {
                more.TrySetResult();
            }
        }

        Server.LogEntriesChanged += Check;
        try
        {
            Check(null, null!);
            await more.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            Server.LogEntriesChanged -= Check;
        }
    }

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
    }
}
