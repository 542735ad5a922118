using System.Text.Json;
using FlowerPower.Cloud.Api;
using FlowerPower.Cloud.Errors;

namespace FlowerPower.Cloud.Authentication;

/// <summary>
/// Sends the password and refresh grants to <c>/user/v1/authenticate</c> as a POST form (secrets never in a URL),
/// through its own HTTP client that never carries a bearer token.
/// </summary>
internal sealed class TokenEndpointClient
{
    public const string Operation = "Authenticate";

    private readonly FlowerPowerClientOptions _options;
    private readonly Func<IFlowerPowerApi> _api;
    private readonly ResponseReader _reader;
    private readonly Func<string, string> _redact;

    public TokenEndpointClient(FlowerPowerClientOptions options, Func<IFlowerPowerApi> api, ResponseReader reader, Func<string, string> redact)
    {
        _options = options;
        _api = api;
        _reader = reader;
        _redact = redact;
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

    private async Task<AuthenticationResponse> SendAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _api().AuthenticateAsync(form, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            throw CallFailure.Translate(Operation, exception, cancellationToken, _redact);
        }

        var result = await _reader
            .ReadAsync(Operation, response, FlowerPowerJsonContext.Default.AuthenticationResponse, cancellationToken)
            .ConfigureAwait(false);
        if (!string.IsNullOrEmpty(result.AccessToken))
        {
            return result;
        }

        // An OAuth error in a 200 body, or a body with no token at all.
        var oauthError = ReadString(result, "error");
        throw ApiErrorMapper.Create(
            Operation,
            System.Net.HttpStatusCode.OK,
            new ErrorBody([], null, oauthError ?? "missing_access_token", ReadString(result, "error_description") ?? "the answer has no access_token", IsJson: true),
            null,
            null,
            null,
            _redact);
    }

    private static string? ReadString(FlowerPowerModel model, string name) =>
        model.AdditionalProperties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
