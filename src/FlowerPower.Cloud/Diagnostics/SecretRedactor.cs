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
/// JSON-escaped, form-encoded, HTML-encoded). Tokens are kept while they are current and for
/// <see cref="RetiredTokenRetention"/> after they expired or were replaced (30 days: the longest token lifetime the
/// cloud ever gave, so no token is forgotten while a server could still take it). At most
/// <see cref="MaxRememberedTokens"/> are kept, oldest forgotten first, so a client that runs for years on short
/// tokens holds a bounded set.
/// </remarks>
internal sealed partial class SecretRedactor
{
    /// <summary>How long a token stays masked after it expired or was replaced.</summary>
    public static readonly TimeSpan RetiredTokenRetention = TimeSpan.FromDays(30);

    /// <summary>The most tokens kept at once.</summary>
    public const int MaxRememberedTokens = 10_000;

    private const string Mask = "***";
    private const int MinimumLength = 4;

    private readonly object _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly HashSet<string> _pinned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private string? _currentRefreshToken;
    private DateTimeOffset _nextExpiry = DateTimeOffset.MaxValue;
    private string[]? _snapshot = [];

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

    /// <summary>Masks an access token until <see cref="RetiredTokenRetention"/> after it expires.</summary>
    public void RememberAccessToken(string? token, DateTimeOffset expiresAt) =>
        Remember(token, expiresAt + RetiredTokenRetention);

    /// <summary>
    /// Masks a refresh token while it is the current one; the one it replaces stays masked for
    /// <see cref="RetiredTokenRetention"/>.
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
                var until = _timeProvider.GetUtcNow() + RetiredTokenRetention;
                _tokens[replaced] = until;
                _nextExpiry = until < _nextExpiry ? until : _nextExpiry;
            }

            _currentRefreshToken = token;
            Add(token, DateTimeOffset.MaxValue);
        }
    }

    /// <summary>Masks every known secret and every secret-shaped value in <paramref name="text"/>.</summary>
    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in Volatile.Read(ref _snapshot) ?? Snapshot())
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

            Add(token, until);
        }
    }

    private void Add(string token, DateTimeOffset until)
    {
        if (_tokens.TryAdd(token, until))
        {
            _order.Enqueue(token);
        }
        else
        {
            _tokens[token] = until;
        }

        _nextExpiry = until < _nextExpiry ? until : _nextExpiry;

        Prune();
        while (_tokens.Count > MaxRememberedTokens && _order.TryDequeue(out var oldest))
        {
            if (oldest == _currentRefreshToken || oldest == token)
            {
                _order.Enqueue(oldest);
                continue;
            }

            _tokens.Remove(oldest);
        }

        Rebuild();
    }

    private void Prune()
    {
        var now = _timeProvider.GetUtcNow();
        if (now <= _nextExpiry)
        {
            return;
        }

        List<string>? expired = null;
        _nextExpiry = DateTimeOffset.MaxValue;
        foreach (var (token, until) in _tokens)
        {
            if (until < now)
            {
                (expired ??= []).Add(token);
            }
            else if (until < _nextExpiry)
            {
                _nextExpiry = until;
            }
        }

        if (expired is null)
        {
            return;
        }

        foreach (var token in expired)
        {
            _tokens.Remove(token);
        }

        var kept = _order.Where(_tokens.ContainsKey).ToArray();
        _order.Clear();
        foreach (var token in kept)
        {
            _order.Enqueue(token);
        }
    }

    // The list Redact walks is rebuilt on its next use, not on every change: tokens change far more often than
    // anything needs masking.
    private void Rebuild() => Volatile.Write(ref _snapshot, null);

    // Longest first, so a secret that contains another is masked whole.
    private string[] Snapshot()
    {
        lock (_gate)
        {
            var snapshot = _snapshot ??= _pinned.Concat(_tokens.Keys).Distinct(StringComparer.Ordinal)
                .OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal).ToArray();
            return snapshot;
        }
    }

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
