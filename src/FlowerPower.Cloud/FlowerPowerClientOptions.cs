using System.Net;

namespace FlowerPower.Cloud;

/// <summary>
/// Settings of a <see cref="FlowerPowerClient"/>. Bind them from configuration (section "FlowerPower") or set them
/// in code. <see cref="ToString"/> never shows the password or the client secret.
/// </summary>
public sealed class FlowerPowerClientOptions
{
    /// <summary>The address of the Parrot cloud, the default <see cref="BaseAddress"/>.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api-flower-power-pot.parrot.com");

    /// <summary>
    /// Where the API lives. Defaults to <see cref="DefaultBaseAddress"/>. Plain <c>http://</c> is accepted only for
    /// loopback addresses (a local emulator), so tokens never cross a network in clear text.
    /// </summary>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>The client id from the developer portal.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret from the developer portal. A secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The account's user name (its e-mail address).</summary>
    public string? Username { get; set; }

    /// <summary>
    /// The account's password. A secret. May be left out when an <see cref="ITokenStore"/> holds a refresh token for
    /// the account; the client then signs in with that token.
    /// </summary>
    public string? Password { get; set; }

    /// <summary>Retries, per-attempt timeout and circuit breaker.</summary>
    public FlowerPowerRetryOptions Retry { get; set; } = new();

    /// <summary>How long a whole call may take, retries and their delays included. Default 2 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A sensor's battery level, in percent, at or below which <c>GetAlertsAsync</c> raises a battery warning (the
    /// wire has no status key for the battery). Default 10.
    /// </summary>
    public double BatteryAlertThreshold { get; set; } = 10;

    /// <summary>
    /// How many 10-day windows a long history read holds at once, the one the caller is reading included: the next
    /// ones load while the caller consumes the current one, samples still come in order and each once, and memory is
    /// bounded by this many windows whatever the span. 1 reads one window at a time. Default 4.
    /// </summary>
    public int SampleWindowsInFlight { get; set; } = 4;

    /// <summary>
    /// How long one read or write of the <see cref="ITokenStore"/> may take before the client treats the store as
    /// failed (reads as empty, saves as lost, both logged) and goes on without it, so a store that stopped answering
    /// never holds up the calls waiting for a token. Default 5 seconds.
    /// </summary>
    public TimeSpan TokenStoreTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Describes the settings without the password or the client secret.</summary>
    /// <returns>The settings as text, secrets masked.</returns>
    public override string ToString() =>
        $"FlowerPowerClientOptions {{ BaseAddress = {BaseAddress}, ClientId = {ClientId}, ClientSecret = {Masked(ClientSecret)}, Username = {Username}, Password = {Masked(Password)}, Timeout = {Timeout}, BatteryAlertThreshold = {BatteryAlertThreshold}, SampleWindowsInFlight = {SampleWindowsInFlight}, TokenStoreTimeout = {TokenStoreTimeout}, Retry = {{ {Retry} }} }}";

    /// <summary>Every setting that is wrong, each as a sentence naming it; empty when all are right.</summary>
    /// <param name="passwordRequired">Whether a password is needed (no token store that may hold a refresh token).</param>
    /// <returns>The problems found.</returns>
    internal IReadOnlyList<string> Validate(bool passwordRequired = true)
    {
        var problems = new List<string>();
        if (BaseAddress is null)
        {
            problems.Add("BaseAddress is required.");
        }
        else if (!BaseAddress.IsAbsoluteUri)
        {
            problems.Add($"BaseAddress must be an absolute URI; '{BaseAddress}' is relative.");
        }
        else if (BaseAddress.Scheme == Uri.UriSchemeHttp && !IsLoopback(BaseAddress))
        {
            problems.Add($"BaseAddress must use https: plain http is accepted only for loopback addresses, and '{BaseAddress.Host}' is not one.");
        }
        else if (BaseAddress.Scheme != Uri.UriSchemeHttp && BaseAddress.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add($"BaseAddress must use https (or http on a loopback address), not '{BaseAddress.Scheme}'.");
        }

        Require(problems, ClientId, nameof(ClientId), "the client id from the developer portal");
        Require(problems, ClientSecret, nameof(ClientSecret), "the client secret from the developer portal");
        Require(problems, Username, nameof(Username), "the account's user name");
        if (passwordRequired)
        {
            Require(problems, Password, nameof(Password), "the account's password (or give the client an ITokenStore that holds a refresh token)");
        }

        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            problems.Add($"Timeout must be positive; it is {Timeout}.");
        }

        var retry = Retry;
        if (retry is null)
        {
            problems.Add("Retry is required.");
            return problems;
        }

        if (retry.MaxRetryAttempts is < 0 or > 100)
        {
            problems.Add($"Retry.MaxRetryAttempts must be between 0 and 100; it is {retry.MaxRetryAttempts}.");
        }

        if (retry.Delay < TimeSpan.Zero)
        {
            problems.Add($"Retry.Delay must not be negative; it is {retry.Delay}.");
        }

        if (retry.MaxDelay < retry.Delay)
        {
            problems.Add($"Retry.MaxDelay ({retry.MaxDelay}) must not be shorter than Retry.Delay ({retry.Delay}).");
        }

        if (retry.AttemptTimeout <= TimeSpan.Zero)
        {
            problems.Add($"Retry.AttemptTimeout must be positive; it is {retry.AttemptTimeout}.");
        }

        if (retry.EnableCircuitBreaker && retry.BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            problems.Add($"Retry.BreakDuration must be at least 500 ms; it is {retry.BreakDuration}.");
        }

        if (!(BatteryAlertThreshold is >= 0 and <= 100))
        {
            problems.Add($"BatteryAlertThreshold must be a percentage from 0 to 100; it is {BatteryAlertThreshold}.");
        }

        if (SampleWindowsInFlight is < 1 or > 32)
        {
            problems.Add($"SampleWindowsInFlight must be from 1 to 32; it is {SampleWindowsInFlight}.");
        }

        if (TokenStoreTimeout <= TimeSpan.Zero || TokenStoreTimeout > TimeSpan.FromMinutes(1))
        {
            problems.Add($"TokenStoreTimeout must be positive and at most a minute; it is {TokenStoreTimeout}.");
        }

        return problems;
    }

    /// <summary>A copy, so that changing the caller's instance later cannot change a running client.</summary>
    internal FlowerPowerClientOptions Clone() => new()
    {
        BaseAddress = BaseAddress,
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        Username = Username,
        Password = Password,
        Timeout = Timeout,
        BatteryAlertThreshold = BatteryAlertThreshold,
        SampleWindowsInFlight = SampleWindowsInFlight,
        TokenStoreTimeout = TokenStoreTimeout,
        Retry = Retry is null ? null! : new FlowerPowerRetryOptions
        {
            MaxRetryAttempts = Retry.MaxRetryAttempts,
            Delay = Retry.Delay,
            MaxDelay = Retry.MaxDelay,
            AttemptTimeout = Retry.AttemptTimeout,
            EnableCircuitBreaker = Retry.EnableCircuitBreaker,
            BreakDuration = Retry.BreakDuration,
        },
    };

    internal static bool IsLoopback(Uri address) =>
        address.IsLoopback ||
        (IPAddress.TryParse(address.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip));

    private static void Require(List<string> problems, string? value, string name, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{name} is required: {what}.");
        }
    }

    private static string Masked(string? secret) => secret is null ? "null" : "***";
}
