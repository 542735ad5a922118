using System.Security.Cryptography;

namespace FlowerPower.Cloud.Wire;

/// <summary>The cloud's token rules, the same for the emulator and the server: how tokens look and how long they live.</summary>
internal static class CloudTokens
{
    /// <summary>How long an access token lives unless told otherwise: 48 hours, as on the cloud (the older host gave 30 days).</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(172800);

    /// <summary>The characters of a token: letters and digits, as the cloud issued them.</summary>
    public const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A token's length on the wire.</summary>
    public const int Length = 48;

    /// <summary>A new random token.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);
}
