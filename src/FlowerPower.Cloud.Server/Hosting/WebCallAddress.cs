using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FlowerPower.Cloud.Server.Hosting;

/// <summary>
/// The web garden calls the server's own API over loopback, so without this every sign-in through its form would come
/// "from 127.0.0.1". Each of its calls carries the process's random key and the browser's address
/// (<see cref="Web.SelfCallHandler"/>); a request whose key matches takes the browser's address as its own, so the
/// audit log and the sign-in limits see the browser. A header without the key is ignored: nobody else can claim an
/// address.
/// </summary>
internal static class WebCallAddress
{
    private const string WebCallKey = "FlowerPower.WebCall";

    public static void Use(WebApplication app, string key)
    {
        var expected = Encoding.UTF8.GetBytes(key);
        app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue(Web.SelfCallHandler.KeyHeader, out var presented) &&
                CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented.ToString()), expected))
            {
                context.Items[WebCallKey] = true;
                if (IPAddress.TryParse(context.Request.Headers[Web.SelfCallHandler.ClientAddressHeader].ToString(), out var browser))
                {
                    context.Connection.RemoteIpAddress = browser;
                }
            }

            context.Request.Headers.Remove(Web.SelfCallHandler.KeyHeader);
            context.Request.Headers.Remove(Web.SelfCallHandler.ClientAddressHeader);
            return next(context);
        });
    }

    /// <summary>Whether the request is one of the web garden's own calls.</summary>
    public static bool IsWebCall(HttpContext context) => context.Items.ContainsKey(WebCallKey);
}
