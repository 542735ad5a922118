using System.Net;
using System.Text.Json;
using FlowerPower.Cloud.Api;
using FlowerPower.Cloud.Errors;

namespace FlowerPower.Cloud.Authentication;

/// <summary>
/// Sends the password and refresh grants to <c>/user/v1/authenticate</c> as a POST form (secrets never in a URL),
/// through its own HTTP client that never carries a bearer token, and refuses an answer whose tokens could not be
/// used safely before anything uses or stores them.
/// </summary>
internal sealed class TokenEndpointClient
{
    public const string Operation = "Authenticate";

    /// <summary>The longest token accepted; the cloud's were 48 characters.</summary>
    public const int MaxTokenLength = 4096;

    private readonly FlowerPowerClientOptions _options;
    private readonly CallRunner _runner;
    private readonly ResponseReader _reader;

    public TokenEndpointClient(FlowerPowerClientOptions options, CallRunner runner, ResponseReader reader)
    {
        _options = options;
        _runner = runner;
        _reader = reader;
    }

    public Task<AuthenticationResponse> SignInAsync(string password, CancellationToken cancellationToken) =>
        SendAsync(
            new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["username"] = _options.Username!,
                ["password"] = password,
                ["client_id"] = _options.ClientId!,
                ["client_secret"] = _options.ClientSecret!,
            },
            cancellationToken);

    public Task<AuthenticationResponse> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        SendAsync(
            new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = _options.ClientId!,
                ["client_secret"] = _options.ClientSecret!,
            },
            cancellationToken);

    /// <summary>
    /// Whether a token can go into an Authorization header as it is: RFC 6750's <c>b64token</c> (letters, digits,
    /// <c>- . _ ~ + /</c>, then any <c>=</c>), at most <see cref="MaxTokenLength"/> characters.
    /// </summary>
    public static bool IsUsableToken(string token)
    {
        if (token.Length is 0 or > MaxTokenLength)
        {
            return false;
        }

        var padding = token.Length - token.AsSpan().TrimEnd('=').Length;
        if (padding == token.Length)
        {
            return false;
        }

        foreach (var c in token.AsSpan(0, token.Length - padding))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '+' or '/'))
            {
                return false;
            }
        }

        return true;
    }

    private Task<AuthenticationResponse> SendAsync(Dictionary<string, string> form, CancellationToken cancellationToken) =>
        _runner.RunAsync(
            Operation,
            (api, _, ct) => api.AuthenticateAsync(form, ct),
            FlowerPowerJsonContext.Default.AuthenticationResponse,
            Check,
            cancellationToken);

    private void Check(AuthenticationResponse answer)
    {
        if (string.IsNullOrEmpty(answer.AccessToken))
        {
            // An OAuth error in a 200 body, or a body with no token at all.
            throw ResponseReader.RefusedInBody(
                HttpStatusCode.OK,
                new ErrorBody(
                    [],
                    null,
                    ReadString(answer, "error") ?? "missing_access_token",
                    ReadString(answer, "error_description") ?? "the answer has no access_token",
                    IsJson: true));
        }

        var unusable = !IsUsableToken(answer.AccessToken) ? "access_token"
            : answer.RefreshToken is { } refresh && !IsUsableToken(refresh) ? "refresh_token"
            : null;
        if (unusable is not null)
        {
            throw _reader.Unusable(
                HttpStatusCode.OK,
                $"its {unusable} is empty, longer than {MaxTokenLength} characters or not a bearer token (RFC 6750: letters, digits, - . _ ~ + / and trailing =)",
                JsonSerializer.Serialize(answer, FlowerPowerJsonContext.Default.AuthenticationResponse),
                isTokenAnswer: true);
        }
    }

    private static string? ReadString(FlowerPowerModel model, string name)
    {
        if (!model.AdditionalProperties.TryGetValue(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return value.GetRawText();
        }
    }
}
