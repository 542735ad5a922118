namespace FlowerPower.Cloud.Server.Web;

/// <summary>
/// The HTTP stack the web garden calls its own server's API with, over the loopback listener the server adds for it.
/// Each request carries the process's random key, by which the sign-in limiter tells the web garden's calls (one
/// address for every owner) from a client's: the form itself is limited per browser address instead.
/// </summary>
internal sealed class SelfCallHandler : DelegatingHandler
{
    public const string KeyHeader = "X-FlowerPower-Web-Key";

    public SelfCallHandler(string key)
        : base(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(5) }) => Key = key;

    public string Key { get; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation(KeyHeader, Key);
        return base.SendAsync(request, cancellationToken);
    }
}
