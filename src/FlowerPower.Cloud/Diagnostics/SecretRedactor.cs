using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FlowerPower.Cloud.Diagnostics;

/// <summary>
/// Masks secrets in text that leaves the SDK (exception messages, body previews, log arguments): the credentials
/// for the client's whole life, every token the client was issued for as long as it could still be valid, and
/// anything shaped like a secret (a bearer header, a token or password field in JSON or a form).
/// </summary>
/// <remarks>
/// Credentials are pinned and never forgotten, in the spellings a server could echo them in (as they are,
/// JSON-escaped, form-encoded, HTML-encoded). An access token is kept until a day after it expires. A refresh token
/// is kept while it is the current one and for 30 days after it was replaced (the longest token lifetime the cloud
/// ever gave); beyond that only the <see cref="MaxReplacedRefreshTokens"/> newest replaced ones are kept, so a
/// client that runs for years on short tokens holds a bounded set.
/// </remarks>
internal sealed partial class SecretRedactor
{
    /// <summary>How long a replaced refresh token stays masked.</summary>
    public static readonly TimeSpan ReplacedRefreshTokenRetention = TimeSpan.FromDays(30);

    /// <summary>How long an access token stays masked after it expired.</summary>
    public static readonly TimeSpan ExpiredAccessTokenRetention = TimeSpan.FromDays(1);

    /// <summary>The most replaced refresh tokens kept at once.</summary>
    public const int MaxReplacedRefreshTokens = 10_000;

    private const string Mask = "***";
    private const int MinimumLength = 4;

    private readonly object _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly HashSet<string> _pinned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly Queue<string> _replacedRefreshTokens = new();
    private string? _currentRefreshToken;
    private string[] _snapshot = [];

    public SecretRedactor(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>How many token entries are held now (for tests of the retention rules).</summary>
    public int RememberedTokenCount
    {
        get
        {
            lock (_gate)
            {
                return _tokens.Count;
            }
        }
    }

    /// <summary>Masks a credential (password, client secret) for the client's whole life.</summary>
    public void Pin(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < MinimumLength)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var spelling in Spellings(secret))
            {
                _pinned.Add(spelling);
            }

            Rebuild();
        }
    }

    /// <summary>Masks an access token until a day after it expires.</summary>
    public void RememberAccessToken(string? token, DateTimeOffset expiresAt) =>
        Remember(token, expiresAt + ExpiredAccessTokenRetention);

    /// <summary>
    /// Masks a refresh token while it is the current one; the one it replaces stays masked for
    /// <see cref="ReplacedRefreshTokenRetention"/>.
    /// </summary>
    public void RememberRefreshToken(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length < MinimumLength)
        {
            return;
        }

        lock (_gate)
        {
            if (token == _currentRefreshToken)
            {
                return;
            }

            if (_currentRefreshToken is { } replaced)
            {
                _tokens[replaced] = _timeProvider.GetUtcNow() + ReplacedRefreshTokenRetention;
                _replacedRefreshTokens.Enqueue(replaced);
                while (_replacedRefreshTokens.Count > MaxReplacedRefreshTokens)
                {
                    var oldest = _replacedRefreshTokens.Dequeue();
                    if (oldest != token)
                    {
                        _tokens.Remove(oldest);
                    }
                }
            }

            _currentRefreshToken = token;
            _tokens[token] = DateTimeOffset.MaxValue;
            Prune();
            Rebuild();
        }
    }

    /// <summary>Masks every known secret and every secret-shaped value in <paramref name="text"/>.</summary>
    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in Volatile.Read(ref _snapshot))
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        text = SecretField().Replace(text, m => m.Groups["prefix"].Value + Mask);
        return BearerValue().Replace(text, "Bearer " + Mask);
    }

    /// <summary>
    /// Masks a token endpoint answer more strictly: besides what <see cref="Redact"/> masks, every JSON string value
    /// and every long run of token characters, so a token in a shape nobody foresaw stays hidden.
    /// </summary>
    public string RedactTokenAnswer(string text)
    {
        return TokenRun().Replace(Redact(MaskStringValues(text)), Mask);
    }

    /// <summary>Replaces every JSON string that is not a property name (or is cut off) by a masked one.</summary>
    private static string MaskStringValues(string text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] != '"')
            {
                result.Append(text[i++]);
                continue;
            }

            var end = i + 1;
            while (end < text.Length && text[end] != '"')
            {
                end += text[end] == '\\' ? 2 : 1;
            }

            var next = end + 1;
            while (next < text.Length && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            var isName = end < text.Length && next < text.Length && text[next] == ':';
            result.Append(isName ? text.AsSpan(i, end + 1 - i) : "\"" + Mask + "\"");
            i = Math.Min(end + 1, text.Length);
        }

        return result.ToString();
    }

    private void Remember(string? token, DateTimeOffset until)
    {
        if (string.IsNullOrEmpty(token) || token.Length < MinimumLength)
        {
            return;
        }

        lock (_gate)
        {
            if (_tokens.TryGetValue(token, out var known) && known >= until)
            {
                return;
            }

            _tokens[token] = until;
            Prune();
            Rebuild();
        }
    }

    private void Prune()
    {
        var now = _timeProvider.GetUtcNow();
        List<string>? expired = null;
        foreach (var (token, until) in _tokens)
        {
            if (until < now)
            {
                (expired ??= []).Add(token);
            }
        }

        foreach (var token in expired ?? [])
        {
            _tokens.Remove(token);
        }
    }

    // Longest first, so a secret that contains another is masked whole.
    private void Rebuild() =>
        Volatile.Write(ref _snapshot, _pinned.Concat(_tokens.Keys).Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal).ToArray());

    private static IEnumerable<string> Spellings(string secret)
    {
        yield return secret;
        yield return JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value;
        yield return JsonEncodedText.Encode(secret).Value;
        foreach (var encoded in (string[])[Uri.EscapeDataString(secret), WebUtility.UrlEncode(secret)])
        {
            yield return encoded;
            yield return PercentEscape().Replace(encoded, m => m.Value.ToLowerInvariant());
        }

        yield return WebUtility.HtmlEncode(secret);
    }

    [GeneratedRegex("""(?<prefix>["']?(?:access_token|refresh_token|password|client_secret)["']?\s*[:=]\s*["']?)[^"'&\s,}]+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretField();

    [GeneratedRegex(@"Bearer\s+[^\s""',}]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerValue();

    [GeneratedRegex("%[0-9A-F]{2}", RegexOptions.CultureInvariant)]
    private static partial Regex PercentEscape();

    [GeneratedRegex(@"[A-Za-z0-9\-._~+/=]{20,}", RegexOptions.CultureInvariant)]
    private static partial Regex TokenRun();
}
