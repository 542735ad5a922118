using System.Net;
using System.Security.Cryptography;
using System.Text;
using FlowerPower.Cloud.Server.Accounts;
using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Server.Limits;

/// <summary>
/// Who may try to sign in how often, counted in the database so every instance shares one allowance.
/// <list type="bullet">
/// <item>Every token request and sign-in form from one address takes from that address's bucket
/// (<see cref="Allowances.SignInBurstPerAddress"/>, refilled at <see cref="Allowances.SignInsPerMinutePerAddress"/>),
/// before any password work: a flood costs the server nothing.</item>
/// <item>Failed passwords, never attempts, count against the user name
/// (<see cref="Allowances.FailedSignInBurstPerUser"/>) and against that name from that address
/// (<see cref="Allowances.FailedSignInBurstPerAddressAndUser"/>). A name is refused with 429 only while both are
/// spent: so a stranger who keeps failing for a victim's name locks out their own address, never the victim, whose
/// correct password from an address that has not been failing is checked and accepted.</item>
/// </list>
/// Names and addresses are kept as hashes: the table holds no email an attacker typed.
/// </summary>
internal sealed class SignInLimits(RateBuckets buckets, Allowances options)
{
    private RateBucket PerAddress => new(options.SignInBurstPerAddress, options.SignInsPerMinutePerAddress);

    private RateBucket UserFailures => new(options.FailedSignInBurstPerUser, options.FailedSignInsPerMinutePerUser);

    private RateBucket PairFailures => new(options.FailedSignInBurstPerAddressAndUser, options.FailedSignInsPerHourPerAddressAndUser / 60.0);

    /// <summary>Takes one attempt from the address's allowance: null when it had one, else how long to wait.</summary>
    public Task<TimeSpan?> TakeAttemptAsync(IPAddress? address, CancellationToken cancellationToken) =>
        buckets.TakeAsync(Key("address", address?.ToString()), PerAddress, cancellationToken);

    /// <summary>How long a password sign-in of <paramref name="username"/> from <paramref name="address"/> must wait, or null.</summary>
    public async ValueTask<TimeSpan?> BeforePasswordAsync(string username, string? address, CancellationToken cancellationToken)
    {
        if (await buckets.WaitAsync(UserKey(username), UserFailures, cancellationToken) is not { } user)
        {
            return null;
        }

        if (await buckets.WaitAsync(PairKey(username, address), PairFailures, cancellationToken) is not { } pair)
        {
            return null;
        }

        return user < pair ? user : pair;
    }

    /// <summary>Counts a failed password against the name and against the name from this address.</summary>
    public async ValueTask PasswordFailedAsync(string username, string? address, CancellationToken cancellationToken)
    {
        await buckets.DrainAsync([UserKey(username)], UserFailures, cancellationToken);
        await buckets.DrainAsync([PairKey(username, address)], PairFailures, cancellationToken);
    }

    private static string UserKey(string username) => Key("user", AccountNames.Normalize(username));

    private static string PairKey(string username, string? address) => Key("pair", AccountNames.Normalize(username) + "\n" + address);

    private static string Key(string kind, string? value) =>
        kind + ":" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value ?? "unknown")))[..32];
}
