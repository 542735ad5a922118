using FlowerPower.Cloud.Emulator.Garden;

namespace FlowerPower.Cloud.Emulator.Wire;

/// <summary>Writes <c>/user/v4/profile</c> and <c>/user/v1/versions</c>, shaped after the real capture.</summary>
internal static class ProfileWriter
{
    public static string Profile(DemoGarden garden) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("user_profile");
        w.WriteString("email", DemoAccount.Username);
        w.WriteBoolean("use_liter", true);
        w.WriteString("device_brand", "FlowerPower.Cloud");
        w.WriteString("device_model", "Emulator");
        w.WriteNull("device_os");
        w.WriteNull("app_version");
        w.WriteBoolean("use_ftc", false);
        w.WriteBoolean("use_mol", false);
        w.WriteBoolean("use_lux", true);
        w.WriteBoolean("newsletter_optin", false);
        w.WriteBoolean("use_fahrenheit", false);
        w.WriteBoolean("use_feet_inches", false);
        w.WriteBoolean("pictures_public", true);
        w.WriteString("utc_timezone", "Europe/Budapest");
        w.WriteString("language_iso639", "en");
        w.WriteBoolean("scientist", false);
        w.WriteString("ip_address_on_create", "127.0.0.1");
        w.WriteString("last_updated_ip_address", "127.0.0.1");
        w.WriteString("notification_curfew_start", "21:00:00");
        w.WriteString("notification_curfew_end", "08:00:00");
        w.WriteEndObject();
        w.Envelope(garden.UserConfigVersion, garden.GardenStatusVersion);
        w.WriteEndObject();
    });

    public static string Versions(DemoGarden garden) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.Envelope(garden.UserConfigVersion, garden.GardenStatusVersion);
        w.WriteEndObject();
    });
}
