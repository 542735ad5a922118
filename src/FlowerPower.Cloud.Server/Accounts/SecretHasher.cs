using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FlowerPower.Cloud.Server.Accounts;

/// <summary>
/// How secrets are kept.
/// <list type="bullet">
/// <item>Passwords, which people choose and reuse, go through PBKDF2-HMAC-SHA256 with a random salt and OWASP's
/// current 600,000 iterations, stored as <c>pbkdf2-sha256$iterations$salt$hash</c>; a hash of an older count is
/// replaced at the next sign-in (<see cref="NeedsRehash"/>). At most one check per core runs at once, so a flood of
/// wrong passwords queues behind itself instead of taking every core.</item>
/// <item>Client secrets identify an app, not a person: Parrot's own tools carried theirs in their source, and every
/// sign-in and every refresh presents one. A slow hash there protects little and gives anyone who can reach the
/// token endpoint a lever on the server's processors, so they are kept as HMAC-SHA256 under a random salt
/// (<c>hmac-sha256$salt$hash</c>), checked in microseconds and still useless if the table leaks. A client secret kept
/// by an older version (PBKDF2) still verifies, and is rewritten in the fast form then.</item>
/// <item>Tokens, random and long, are kept as their SHA-256, so a token presented is found by its hash alone and a
/// stolen table yields no usable token.</item>
/// </list>
/// </summary>
internal static class SecretHasher
{
    public const int Iterations = 600_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string PasswordScheme = "pbkdf2-sha256";
    private const string ClientScheme = "hmac-sha256";

    private static readonly SemaphoreSlim PasswordWork = new(Environment.ProcessorCount, Environment.ProcessorCount);

    /// <summary>A PBKDF2 hash no password matches: what an unknown user's attempt is checked against, so it takes as long.</summary>
    private static readonly string Decoy = HashPassword(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));

    public static string HashPassword(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', PasswordScheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>
    /// Whether <paramref name="password"/> matches <paramref name="stored"/>; with no stored hash (no such user) the
    /// same work is done against a decoy, so the answer takes as long. Waits its turn behind other checks.
    /// </summary>
    public static async Task<bool> VerifyPasswordAsync(string password, string? stored, CancellationToken cancellationToken)
    {
        await PasswordWork.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return VerifyPbkdf2(password, stored ?? Decoy) && stored is not null;
        }
        finally
        {
            PasswordWork.Release();
        }
    }

    /// <summary>Whether a password hash was made with fewer iterations than today's, and should be made again.</summary>
    public static bool NeedsRehash(string stored) =>
        stored.Split('$') is [PasswordScheme, var count, _, _] && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) && iterations < Iterations;

    public static string HashClientSecret(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return string.Join('$', ClientScheme, Convert.ToBase64String(salt), Convert.ToBase64String(HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(secret))));
    }

    /// <summary>Whether <paramref name="secret"/> matches a client's stored hash, in either form.</summary>
    public static bool VerifyClientSecret(string secret, string stored)
    {
        var parts = stored.Split('$');
        if (parts is [ClientScheme, var salt, var hash])
        {
            return TryBase64(salt, out var saltBytes) && TryBase64(hash, out var expected) &&
                CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(saltBytes, Encoding.UTF8.GetBytes(secret)), expected);
        }

        return VerifyPbkdf2(secret, stored);
    }

    /// <summary>Whether a client's stored hash is the old, slow form.</summary>
    public static bool IsSlowClientHash(string stored) => stored.StartsWith(PasswordScheme + "$", StringComparison.Ordinal);

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static bool VerifyPbkdf2(string secret, string stored)
    {
        if (stored.Split('$') is not [PasswordScheme, var count, var salt, var hash] ||
            !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations is < 1 or > 10_000_000 ||
            !TryBase64(salt, out var saltBytes) || !TryBase64(hash, out var expected))
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), saltBytes, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        if (Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}
