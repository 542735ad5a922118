
namespace FlowerPower.Cloud.Wire.Writers;

/// <summary>Writes <c>/user/v4/profile</c> and <c>/user/v1/versions</c>, shaped after the real capture.</summary>
internal static class ProfileWriter
{
    public static string Profile(CloudProfile profile, CloudVersions versions) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("user_profile");
        w.WriteString("email", profile.Email);
        w.WriteBoolean("use_liter", true);
        w.WriteString("device_brand", "FlowerPower.Cloud");
        w.WriteString("device_model", profile.DeviceModel);
        w.WriteNull("device_os");
        w.WriteNull("app_version");
        w.WriteBoolean("use_ftc", profile.UseFtc);
        w.WriteBoolean("use_mol", profile.UseMol);
        w.WriteBoolean("use_lux", profile.UseLux);
        w.WriteBoolean("newsletter_optin", false);
        w.WriteBoolean("use_fahrenheit", profile.UseFahrenheit);
        w.WriteBoolean("use_feet_inches", false);
        w.WriteBoolean("pictures_public", true);
        w.WriteString("utc_timezone", profile.TimeZone);
        w.WriteString("language_iso639", "en");
        w.WriteBoolean("scientist", false);
        w.WriteString("ip_address_on_create", "127.0.0.1");
        w.WriteString("last_updated_ip_address", "127.0.0.1");
        w.WriteString("notification_curfew_start", "21:00:00");
        w.WriteString("notification_curfew_end", "08:00:00");
        w.WriteEndObject();
        w.Envelope(versions);
        w.WriteEndObject();
    });

    public static string Versions(CloudVersions versions) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.Envelope(versions);
        w.WriteEndObject();
    });
}
