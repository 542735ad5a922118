using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace FlowerPower.Cloud.Server.Web;

/// <summary>
/// A session's tokens as the database keeps them: JSON protected (encrypted and authenticated) by Data Protection, so
/// the row holds no usable token. What cannot be read back (a key gone, a row tampered with) is no tokens: the owner
/// signs in again.
/// </summary>
internal sealed class SessionTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("FlowerPower.Cloud.Server.WebSession.Tokens.v1");

    public string Protect(TokenSet tokens)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("refresh", tokens.RefreshToken);
            writer.WriteString("access", tokens.AccessToken);
            if (tokens.AccessTokenExpiresAt is { } expires)
            {
                writer.WriteNumber("expires", expires.ToUnixTimeSeconds());
            }

            writer.WriteEndObject();
        }

        return Convert.ToBase64String(_protector.Protect(buffer.ToArray()));
    }

    public TokenSet? Unprotect(string stored)
    {
        try
        {
            using var document = JsonDocument.Parse(_protector.Unprotect(Convert.FromBase64String(stored)));
            var root = document.RootElement;
            return new TokenSet
            {
                RefreshToken = root.GetProperty("refresh").GetString() ?? string.Empty,
                AccessToken = root.TryGetProperty("access", out var access) ? access.GetString() : null,
                AccessTokenExpiresAt = root.TryGetProperty("expires", out var expires) ? DateTimeOffset.FromUnixTimeSeconds(expires.GetInt64()) : null,
            };
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
