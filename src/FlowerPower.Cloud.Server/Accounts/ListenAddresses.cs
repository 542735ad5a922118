using System.Net;

namespace FlowerPower.Cloud.Server.Accounts;

/// <summary>What an address the server listens on or is asked for is: the rules the options, the web garden's cookies and the metrics listener share.</summary>
internal static class ListenAddresses
{
    /// <summary>The addresses of a <c>;</c>-separated list, like <c>--urls</c>.</summary>
    public static string[] Split(string urls) => urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A listen address as a URI, Kestrel's wildcard hosts (<c>*</c>, <c>+</c>) read as every address; null when it is none.</summary>
    public static Uri? Parse(string address) =>
        Uri.TryCreate(address.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri : null;

    /// <summary>Whether <paramref name="host"/> (a name, an IPv4 or a bracketed IPv6 address) is this machine's loopback.</summary>
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
