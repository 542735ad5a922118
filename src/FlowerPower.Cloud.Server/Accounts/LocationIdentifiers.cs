using System.Globalization;
using System.Security.Cryptography;

namespace FlowerPower.Cloud.Server.Accounts;

/// <summary>New identifiers shaped like the cloud's: ten letters and digits, then the creation time in milliseconds.</summary>
internal static class LocationIdentifiers
{
    public static string New(DateTimeOffset now) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 10)
        + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}
