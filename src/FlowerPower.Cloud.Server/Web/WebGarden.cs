using System.Security.Cryptography;
using FlowerPower.Cloud.Server.Accounts;
using FlowerPower.Cloud.Server.Limits;
using FlowerPower.Cloud.Server.Storage;
using FlowerPower.Cloud.Wire;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FlowerPower.Cloud.Server.Web;

/// <summary>
/// The owner's garden in a browser, served by the server at its root. It is a client of the server's own API through
/// <see cref="FlowerPowerClient"/>, over a loopback listener the server adds for it, as the built-in client
/// <see cref="WebClientCredentials.ClientId"/>: a sign-in is a password grant; the session lives on the server
/// (<see cref="WebSessionStore"/>, the browser holding only its random id), its tokens are saved there the moment the
/// SDK rotates them, and signing out revokes them through the API.
/// </summary>
internal sealed class WebGarden : IDisposable
{
    private readonly string _clientSecret;
    private readonly SelfCallHandler _handler = new(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
    private readonly SessionClients _clients;

    /// <param name="clientSecret">The web garden's client secret.</param>
    /// <param name="time">The server's clock.</param>
    /// <param name="sessions">Where sessions live.</param>
    /// <param name="limits">The sign-in limits, which the form takes an attempt from.</param>
    /// <param name="secureCookies">Whether cookies are <c>Secure</c> and <c>__Host-</c>: always, unless the server only listens on loopback over plain HTTP.</param>
    public WebGarden(string clientSecret, TimeProvider time, WebSessionStore sessions, SignInLimits limits, bool secureCookies)
    {
        _clientSecret = clientSecret;
        _clients = new SessionClients(time);
        Time = time;
        Sessions = sessions;
        Limits = limits;
        SecureCookies = secureCookies;
    }

    public TimeProvider Time { get; }

    public WebSessionStore Sessions { get; }

    public SignInLimits Limits { get; }

    public bool SecureCookies { get; }

    /// <summary>
    /// Whether this request's cookies must be Secure: whenever the server's addresses say so
    /// (<see cref="NeedsSecureCookies"/>), and also when the browser asked for a name other than loopback's (the
    /// request came through a proxy on this machine, which must then pass <c>--forwarded-headers</c>).
    /// </summary>
    public bool IsSecure(HttpRequest request) => SecureCookies || !ListenAddresses.IsLoopback(request.Host.Host);

    /// <summary>The session cookie's name: <c>__Host-</c> (Secure, no Domain, path /) whenever cookies are secure.</summary>
    public string SessionCookie(HttpRequest request) => IsSecure(request) ? "__Host-flowerpower-session" : "flowerpower-session";

    /// <summary>The form cookie's name, under the same rule.</summary>
    public string FormCookie => SecureCookies ? "__Host-flowerpower-form" : "flowerpower-form";

    /// <summary>The key the web garden's own API calls carry (see <see cref="SelfCallHandler"/>).</summary>
    public string CallKey => _handler.Key;

    /// <summary>The loopback address of the server's own API, known once the server listens.</summary>
    public Uri? SelfAddress { get; set; }

    /// <summary>The weeks the garden cards drew, kept between page loads.</summary>
    public PlantWeekCache Weeks { get; } = new();

    /// <summary>How session tokens are protected in the database, known once the server's services are built.</summary>
    public SessionTokens? Tokens { get; set; }

    /// <summary>Adds Data Protection (keys in the database) and antiforgery, with its cookie under the session cookie's rule.</summary>
    public void AddServices(IServiceCollection services, CloudDatabase database)
    {
        services.AddDataProtection().SetApplicationName("FlowerPower.Cloud.Server");
        services.Configure<KeyManagementOptions>(keys => keys.XmlRepository = new DatabaseKeyRepository(database, Time));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = FormCookie;
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.Path = "/";
            antiforgery.Cookie.SecurePolicy = SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            antiforgery.FormFieldName = "form-token";
        });
    }

    /// <summary>A client for one sign-in with the owner's password; the tokens it gets land in <paramref name="tokens"/>.</summary>
    public FlowerPowerClient SignInClient(string email, string password, CapturedTokens tokens)
    {
        var options = Options(email, password);

        // A sign-in is answered at once, a refusal or a limit included: a retry would wait out the limit's
        // Retry-After while the owner looks at a spinning page.
        options.Retry.MaxRetryAttempts = 0;
        return new FlowerPowerClient(options, tokenStore: tokens, timeProvider: Time, primaryHandler: _handler);
    }

    /// <summary>The session's long-lived client (<see cref="SessionClients"/>); <c>Owned</c> when the caller must dispose it.</summary>
    public (FlowerPowerClient Client, bool Owned) SessionClient(string sessionId, string email) =>
        _clients.Get(sessionId, () =>
        {
            var options = Options(email, null);
            options.Retry.MaxRetryAttempts = 1;
            return new FlowerPowerClient(
                options, tokenStore: new SessionTokenStore(Sessions, Tokens ?? throw new InvalidOperationException("The web garden is used before the server started."), sessionId),
                timeProvider: Time, primaryHandler: _handler);
        });

    /// <summary>Ends a session: its tokens are revoked through the API's revocation endpoint, its row and its client go.</summary>
    public async Task EndSessionAsync(string sessionId, TokenSet? tokens, CancellationToken cancellationToken)
    {
        if (tokens is not null)
        {
            try
            {
                using var http = new HttpClient(_handler, disposeHandler: false) { BaseAddress = SelfAddress, Timeout = TimeSpan.FromSeconds(10) };
                using var form = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["token"] = tokens.RefreshToken, ["client_id"] = WebClientCredentials.ClientId, ["client_secret"] = _clientSecret,
                });
                using var answer = await http.PostAsync(CloudEndpoints.RevokePath.TrimStart('/'), form, cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // The session row goes anyway; its tokens then expire unused.
            }
        }

        await Sessions.EndAsync(sessionId, cancellationToken);
        _clients.Forget(sessionId);
    }

    /// <summary>Writes the session cookie: the id, for <see cref="WebSessionStore.Lifetime"/>, out of scripts' and other sites' reach.</summary>
    public void WriteSessionCookie(HttpContext context, string sessionId) =>
        context.Response.Cookies.Append(SessionCookie(context.Request), sessionId, new CookieOptions
        {
            HttpOnly = true,
            Secure = IsSecure(context.Request),
            SameSite = SameSiteMode.Lax,
            Path = "/",
            MaxAge = WebSessionStore.Lifetime,
            IsEssential = true,
        });

    public void ClearSessionCookie(HttpContext context) =>
        context.Response.Cookies.Delete(SessionCookie(context.Request), new CookieOptions { HttpOnly = true, Secure = IsSecure(context.Request), SameSite = SameSiteMode.Lax, Path = "/" });

    /// <summary>
    /// Whether cookies must be <c>Secure</c>: always, unless every address the server listens on is plain HTTP on
    /// loopback (a person on this machine) and no proxy's headers are trusted. A proxy that terminates TLS for the
    /// server must pass <c>--forwarded-headers</c>; without it the cookie still says Secure, so the browser never sends
    /// a session over clear text.
    /// </summary>
    public static bool NeedsSecureCookies(IEnumerable<string> urls, bool forwardedHeaders) =>
        forwardedHeaders || urls.Any(url => ListenAddresses.Parse(url) is not { Scheme: "http" } uri || !ListenAddresses.IsLoopback(uri.Host));

    public void Dispose()
    {
        _clients.Dispose();
        _handler.Dispose();
    }

    private FlowerPowerClientOptions Options(string email, string? password) => new()
    {
        BaseAddress = SelfAddress ?? throw new InvalidOperationException("The web garden is used before the server listens."),
        ClientId = WebClientCredentials.ClientId,
        ClientSecret = _clientSecret,
        Username = email,
        Password = password,
        Timeout = TimeSpan.FromSeconds(30),

        // A year is 37 windows from the server's own database: more of them in flight keeps both cores busy.
        SampleWindowsInFlight = 8,
    };
}
