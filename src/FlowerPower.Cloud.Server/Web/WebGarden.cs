using System.Security.Claims;
using System.Security.Cryptography;
using FlowerPower.Cloud.Server.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FlowerPower.Cloud.Server.Web;

/// <summary>
/// The owner's garden in a browser, served by the server at its root. It is a client of the server's own API through
/// <see cref="FlowerPowerClient"/>, over a loopback listener the server adds for it, as the built-in client
/// <see cref="WebClientCredentials.ClientId"/>: a sign-in is a password grant, and the tokens it gets live in the
/// sign-in cookie (protected by Data Protection, whose keys are in the database), refreshed by the SDK and revoked
/// at sign-out.
/// </summary>
internal sealed class WebGarden : IDisposable
{
    /// <summary>The cookie authentication scheme of the web garden.</summary>
    public const string Scheme = "flowerpower-web";

    private const string AccessToken = "access_token";
    private const string RefreshToken = "refresh_token";
    private const string ExpiresAt = "expires_at";

    private readonly string _clientSecret;
    private readonly SelfCallHandler _handler = new(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));

    public WebGarden(SqlCloudStore store, string clientSecret, TimeProvider time)
    {
        Store = store;
        Time = time;
        _clientSecret = clientSecret;
    }

    public SqlCloudStore Store { get; }

    public TimeProvider Time { get; }

    /// <summary>The key the web garden's own API calls carry (see <see cref="SelfCallHandler"/>).</summary>
    public string CallKey => _handler.Key;

    /// <summary>The loopback address of the server's own API, known once the server listens.</summary>
    public Uri? SelfAddress { get; set; }

    /// <summary>Adds Data Protection (keys in the database), the sign-in cookie and antiforgery.</summary>
    public static void AddServices(IServiceCollection services, CloudDatabase database, TimeProvider time)
    {
        services.AddDataProtection().SetApplicationName("FlowerPower.Cloud.Server");
        services.Configure<KeyManagementOptions>(keys => keys.XmlRepository = new DatabaseKeyRepository(database, time));
        services.AddAuthentication(Scheme).AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = "flowerpower-garden";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = SqlCloudStore.RefreshTokenLifetime;
            cookie.SlidingExpiration = false;
            cookie.LoginPath = "/sign-in";
            cookie.Events.OnRedirectToLogin = context =>
            {
                context.Response.Redirect("/sign-in");
                return Task.CompletedTask;
            };
        });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "flowerpower-form";
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.FormFieldName = "form-token";
        });
    }

    /// <summary>A client of the server's own API for one request, with the tokens in <paramref name="tokens"/> (or the password to get them).</summary>
    public FlowerPowerClient CreateClient(string email, string? password, CookieTokenStore tokens)
    {
        var options = new FlowerPowerClientOptions
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
        // A sign-in is answered at once, a refusal or a limit included (a retry would wait out the limit's
        // Retry-After while the owner looks at a spinning page); a page's reads get one retry.
        options.Retry.MaxRetryAttempts = password is null ? 1 : 0;
        return new FlowerPowerClient(options, tokenStore: tokens, timeProvider: Time, primaryHandler: _handler);
    }

    /// <summary>The sign-in cookie's identity and tokens for <paramref name="email"/>.</summary>
    public static (ClaimsPrincipal Principal, AuthenticationProperties Properties) Ticket(string email, TokenSet tokens)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, email)], Scheme));
        return (principal, WithTokens(new AuthenticationProperties { IsPersistent = true }, tokens));
    }

    /// <summary>The properties with <paramref name="tokens"/> in place of the ones they held.</summary>
    public static AuthenticationProperties WithTokens(AuthenticationProperties properties, TokenSet tokens)
    {
        properties.StoreTokens(
        [
            new AuthenticationToken { Name = AccessToken, Value = tokens.AccessToken ?? string.Empty },
            new AuthenticationToken { Name = RefreshToken, Value = tokens.RefreshToken },
            new AuthenticationToken { Name = ExpiresAt, Value = (tokens.AccessTokenExpiresAt ?? DateTimeOffset.MinValue).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) },
        ]);
        return properties;
    }

    /// <summary>The tokens a sign-in cookie carries, or null when it carries none.</summary>
    public static TokenSet? TokensOf(AuthenticationProperties properties)
    {
        if (properties.GetTokenValue(RefreshToken) is not { Length: > 0 } refresh)
        {
            return null;
        }

        var access = properties.GetTokenValue(AccessToken);
        var expires = long.TryParse(properties.GetTokenValue(ExpiresAt), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : (DateTimeOffset?)null;
        return new TokenSet { RefreshToken = refresh, AccessToken = string.IsNullOrEmpty(access) ? null : access, AccessTokenExpiresAt = expires };
    }

    public void Dispose() => _handler.Dispose();
}
