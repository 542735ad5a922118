using System.Text.RegularExpressions;

namespace FlowerPower.Cloud.Diagnostics;

/// <summary>
/// Masks secrets in text that leaves the SDK (exception messages, body previews): every secret the client knows
/// (password, client secret, the tokens it was issued), and anything shaped like one (a bearer header, a token or
/// password field in JSON or a form).
/// </summary>
internal sealed partial class SecretRedactor
{
    private const string Mask = "***";
    private const int MaxRemembered = 32;
    private readonly object _gate = new();
    private readonly LinkedList<string> _secrets = new();

    public void Remember(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < 4)
        {
            return;
        }

        lock (_gate)
        {
            if (_secrets.Contains(secret))
            {
                return;
            }

            _secrets.AddFirst(secret);
            if (_secrets.Count > MaxRemembered)
            {
                _secrets.RemoveLast();
            }
        }
    }

    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        lock (_gate)
        {
            foreach (var secret in _secrets)
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        text = SecretField().Replace(text, m => m.Groups["prefix"].Value + Mask);
        return BearerValue().Replace(text, "Bearer " + Mask);
    }

    [GeneratedRegex("""(?<prefix>["']?(?:access_token|refresh_token|password|client_secret)["']?\s*[:=]\s*["']?)[^"'&\s,}]+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretField();

    [GeneratedRegex(@"Bearer\s+[^\s""',}]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerValue();
}
