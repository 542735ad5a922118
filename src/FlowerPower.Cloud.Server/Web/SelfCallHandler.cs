namespace FlowerPower.Cloud.Server.Web;

/// <summary>
/// The HTTP stack the web garden calls its own server's API with, over the loopback listener the server adds for it.
/// Each request carries the process's random key and the address of the browser it is made for
/// (<see cref="BrowserAddress"/>), by which the server takes that address as the caller's (Hosting's
/// <c>WebCallAddress</c>): the audit log and the sign-in limits see the browser, not the server itself.
/// </summary>
internal sealed class SelfCallHandler : DelegatingHandler
{
    public const string KeyHeader = "X-FlowerPower-Web-Key";

    public const string ClientAddressHeader = "X-FlowerPower-Web-Client";

    private static readonly AsyncLocal<string?> Browser = new();

    public SelfCallHandler(string key)
        : base(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(5) }) => Key = key;

    public string Key { get; }

    /// <summary>The address of the browser the calls on this flow are made for; set by the page before it calls the API.</summary>
    public static string? BrowserAddress
    {
        get => Browser.Value;
        set => Browser.Value = value;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation(KeyHeader, Key);
        if (BrowserAddress is { } address)
        {
            request.Headers.TryAddWithoutValidation(ClientAddressHeader, address);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
