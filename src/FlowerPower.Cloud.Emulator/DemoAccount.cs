namespace FlowerPower.Cloud.Emulator;

/// <summary>The account and client keys the emulator accepts. Not secrets: they exist only on your machine.</summary>
public static class DemoAccount
{
    /// <summary>The demo client id.</summary>
    public const string ClientId = "emulator-client";

    /// <summary>The demo client secret.</summary>
    public const string ClientSecret = "emulator-client-secret";

    /// <summary>The demo user name.</summary>
    public const string Username = "demo@flowerpower.local";

    /// <summary>The demo password.</summary>
    public const string Password = "demo-password";
}
