using System.Net;
using System.Text;
using System.Threading.Channels;

namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>
/// An in-memory transport for tests that need what a real server cannot do on cue (hang until cancelled). Answers
/// the token endpoint itself and reports each resource attempt as it starts.
/// </summary>
internal sealed class ScriptedHandler(Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> resource) : HttpMessageHandler
{
    private readonly Channel<int> _attemptsStarted = Channel.CreateUnbounded<int>();
    private int _resourceAttempts;

    public int ResourceAttempts => Volatile.Read(ref _resourceAttempts);

    public ValueTask<int> NextAttemptStarted(CancellationToken cancellationToken) => _attemptsStarted.Reader.ReadAsync(cancellationToken);

    public static Task<HttpResponseMessage> Hang(CancellationToken cancellationToken) =>
        Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith<HttpResponseMessage>(
            _ => throw new TaskCanceledException(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.EndsWith("/authenticate", StringComparison.Ordinal))
        {
            return Task.FromResult(Json(HttpStatusCode.OK, TestCredentials.TokenJson(TestCredentials.AccessToken1, TestCredentials.RefreshToken1)));
        }

        var attempt = Interlocked.Increment(ref _resourceAttempts);
        _attemptsStarted.Writer.TryWrite(attempt);
        return resource(request, attempt, cancellationToken);
    }
}
