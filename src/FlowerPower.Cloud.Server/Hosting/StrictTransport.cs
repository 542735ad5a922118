using Microsoft.AspNetCore.Builder;

namespace FlowerPower.Cloud.Server.Hosting;

/// <summary>
/// HTTP Strict Transport Security on every answer over TLS (the server's own, or a trusted proxy's, by
/// <c>X-Forwarded-Proto</c>): a browser that once reached the server over HTTPS never tries it in clear text again
/// for a year, so a network attacker cannot downgrade the sign-in page.
/// </summary>
internal static class StrictTransport
{
    public const string Header = "max-age=31536000";

    public static void Use(WebApplication app) => app.Use((context, next) =>
    {
        if (context.Request.IsHttps)
        {
            context.Response.Headers.StrictTransportSecurity = Header;
        }

        return next(context);
    });
}
