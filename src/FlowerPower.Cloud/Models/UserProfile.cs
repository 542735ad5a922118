namespace FlowerPower.Cloud;

/// <summary>The account's settings and unit preferences (<c>user_profile</c>).</summary>
public sealed class UserProfile : FlowerPowerModel
{
    /// <summary>The account's e-mail address (<c>email</c>).</summary>
    public string? Email { get; set; }

    /// <summary>Two-letter language code of the app (<c>language_iso639</c>), for example "hu".</summary>
    public string? LanguageIso639 { get; set; }

    /// <summary>Local time from which no notification is sent (<c>notification_curfew_start</c>, "HH:MM:SS").</summary>
    public TimeOnly? NotificationCurfewStart { get; set; }

    /// <summary>Local time until which no notification is sent (<c>notification_curfew_end</c>, "HH:MM:SS").</summary>
    public TimeOnly? NotificationCurfewEnd { get; set; }

    /// <summary>Whether the user's plant pictures are public (<c>pictures_public</c>).</summary>
    public bool? PicturesPublic { get; set; }

    /// <summary>Show temperatures in degrees Fahrenheit rather than Celsius (<c>use_fahrenheit</c>).</summary>
    public bool? UseFahrenheit { get; set; }

    /// <summary>Show lengths in feet and inches rather than metres (<c>use_feet_inches</c>).</summary>
    public bool? UseFeetInches { get; set; }

    /// <summary>Show light in foot-candles (<c>use_ftc</c>).</summary>
    public bool? UseFtc { get; set; }

    /// <summary>Show volumes in litres rather than gallons (<c>use_liter</c>).</summary>
    public bool? UseLiter { get; set; }

    /// <summary>Show light in lux (<c>use_lux</c>).</summary>
    public bool? UseLux { get; set; }

    /// <summary>Show light as a daily light integral in mol/m²/day (<c>use_mol</c>).</summary>
    public bool? UseMol { get; set; }

    /// <summary>The user's IANA time zone (<c>utc_timezone</c>), for example "Europe/Budapest".</summary>
    public string? UtcTimezone { get; set; }

    /// <summary>Version of the app that last updated the profile (<c>app_version</c>).</summary>
    public string? AppVersion { get; set; }

    /// <summary>Brand of the phone that last updated the profile (<c>device_brand</c>).</summary>
    public string? DeviceBrand { get; set; }

    /// <summary>Model of the phone that last updated the profile (<c>device_model</c>).</summary>
    public string? DeviceModel { get; set; }

    /// <summary>Operating system of the phone that last updated the profile (<c>device_os</c>).</summary>
    public string? DeviceOs { get; set; }

    /// <summary>IP address the account was created from (<c>ip_address_on_create</c>).</summary>
    public string? IpAddressOnCreate { get; set; }

    /// <summary>IP address of the last profile update (<c>last_updated_ip_address</c>).</summary>
    public string? LastUpdatedIpAddress { get; set; }

    /// <summary>Whether the user subscribed to the newsletter (<c>newsletter_optin</c>).</summary>
    public bool? NewsletterOptin { get; set; }

    /// <summary>Whether the user enabled the app's scientist mode (<c>scientist</c>).</summary>
    public bool? Scientist { get; set; }
}
