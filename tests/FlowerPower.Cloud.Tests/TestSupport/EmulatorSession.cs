using System.Net.Http.Headers;
using System.Text.Json;
using FlowerPower.Cloud.Emulator;

namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>Raw HTTP to an emulator, for what the client would never send (bad dates, used refresh tokens).</summary>
internal static class EmulatorSession
{
    public static Dictionary<string, string> PasswordForm() => new()
    {
        ["grant_type"] = "password",
        ["username"] = DemoAccount.Username,
        ["password"] = DemoAccount.Password,
        ["client_id"] = DemoAccount.ClientId,
        ["client_secret"] = DemoAccount.ClientSecret,
    };

    public static async Task<JsonElement> SignInAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(PasswordForm()), cancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
    }

    public static async Task<HttpClient> AuthorizedAsync(FlowerPowerEmulator emulator, CancellationToken cancellationToken)
    {
        var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        var token = await SignInAsync(http, cancellationToken);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return http;
    }
}
