using System.Net;
using System.Text;

namespace FlowerPower.Cloud.Benchmarks;

/// <summary>
/// Answers every request from memory, so a benchmark measures the client, not a network: the token endpoint with a
/// token, sample windows with <paramref name="samplesJson"/>, every other resource with <paramref name="resourceJson"/>.
/// </summary>
internal sealed class InMemoryCloud(string resourceJson, string samplesJson) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var body = path.EndsWith("/authenticate", StringComparison.Ordinal) ? FixtureServer.Token
            : path.StartsWith("/sensor_data/", StringComparison.Ordinal) ? samplesJson
            : resourceJson;
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
