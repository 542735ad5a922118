namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>Credentials and tokens distinctive enough that a leak is found by a plain text search.</summary>
internal static class TestCredentials
{
    public const string ClientId = "test-client-id";
    public const string ClientSecret = "CLIENT-SECRET-7f3a9b";
    public const string Username = "gardener@example.invalid";
    public const string Password = "PASSWORD-hunter2-x9";
    public const string AccessToken1 = "ACCESS1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    public const string AccessToken2 = "ACCESS2bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    public const string RefreshToken1 = "REFRESH1cccccccccccccccccccccccccccccccccccccccc";
    public const string RefreshToken2 = "REFRESH2dddddddddddddddddddddddddddddddddddddddd";

    public static readonly string[] Secrets = [ClientSecret, Password, AccessToken1, AccessToken2, RefreshToken1, RefreshToken2];

    /// <summary>The token store key of the test account on <paramref name="baseAddress"/>.</summary>
    public static TokenStoreKey Key(Uri baseAddress) => new(baseAddress, ClientId, Username);

    public static FlowerPowerClientOptions Options(Uri baseAddress) => new()
    {
        BaseAddress = baseAddress,
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        Username = Username,
        Password = Password,
        Retry = new FlowerPowerRetryOptions { Delay = TimeSpan.Zero, MaxDelay = TimeSpan.FromSeconds(30) },
    };

    /// <summary>Points <paramref name="options"/> at <paramref name="baseAddress"/> with the test account and no retry delay.</summary>
    public static void Configure(FlowerPowerClientOptions options, Uri baseAddress)
    {
        options.BaseAddress = baseAddress;
        options.ClientId = ClientId;
        options.ClientSecret = ClientSecret;
        options.Username = Username;
        options.Password = Password;
        options.Retry.Delay = TimeSpan.Zero;
    }

    public static string TokenJson(string accessToken, string refreshToken, long expiresIn = 172800) =>
        $$"""{"access_token":"{{accessToken}}","expires_in":{{expiresIn}},"refresh_token":"{{refreshToken}}","import_status":"unavailable"}""";
}
