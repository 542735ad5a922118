using System.Diagnostics;
using FlowerPower.Cloud.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Authentication;

/// <summary>
/// Holds the access token and replaces it before it expires. Single flight: however many calls need a token at
/// once, one token request is in flight and the others wait for it. Signs in with the saved refresh token when
/// there is one, falls back to one password sign-in when a refresh is answered <c>invalid_grant</c>, and saves every
/// refresh token the server issues to the <see cref="ITokenStore"/>.
/// </summary>
internal sealed class TokenProvider
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(172800);
    private static readonly TimeSpan LongestMargin = TimeSpan.FromMinutes(5);

    private readonly FlowerPowerClientOptions _options;
    private readonly TokenEndpointClient _endpoint;
    private readonly ITokenStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly SecretRedactor _redactor;
    private readonly ILogger _logger;
    private readonly string _account;
    private readonly object _gate = new();
    private AccessToken? _current;
    private string? _refreshToken;
    private Task<AccessToken>? _pending;

    public TokenProvider(
        FlowerPowerClientOptions options,
        TokenEndpointClient endpoint,
        ITokenStore store,
        TimeProvider timeProvider,
        SecretRedactor redactor,
        ILogger logger)
    {
        _options = options;
        _endpoint = endpoint;
        _store = store;
        _timeProvider = timeProvider;
        _redactor = redactor;
        _logger = logger;
        _account = $"{options.ClientId}|{options.Username}";
        redactor.Pin(options.Password);
        redactor.Pin(options.ClientSecret);
    }

    /// <summary>
    /// A token valid for at least the refresh margin. Pass the token a server just rejected to force a new one;
    /// if another call already replaced it, the replacement is returned without a second request.
    /// </summary>
    public async ValueTask<string> GetTokenAsync(string? rejectedToken, CancellationToken cancellationToken)
    {
        Task<AccessToken> pending;
        lock (_gate)
        {
            if (_pending is null && _current is { } current && current.Value != rejectedToken &&
                _timeProvider.GetUtcNow() < current.RefreshAt)
            {
                return current.Value;
            }

            _pending ??= AcquireAsync();
            pending = _pending;
        }

        var token = await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
        return token.Value;
    }

    private async Task<AccessToken> AcquireAsync()
    {
        // Leave the caller's lock before any work; the token request belongs to no single caller, so a caller's
        // cancellation stops its wait, not the request the other callers share.
        await Task.Yield();
        try
        {
            var token = await RequestTokenAsync().ConfigureAwait(false);
            lock (_gate)
            {
                _current = token;
                _pending = null;
            }

            return token;
        }
        catch
        {
            lock (_gate)
            {
                _pending = null;
            }

            throw;
        }
    }

    private async Task<AccessToken> RequestTokenAsync()
    {
        var refreshToken = _refreshToken ?? await _store.GetRefreshTokenAsync(_account).ConfigureAwait(false);
        AuthenticationResponse response;
        string grant;
        if (refreshToken is not null)
        {
            _redactor.RememberRefreshToken(refreshToken);
            try
            {
                grant = "refresh_token";
                response = await SendAsync(grant, () => _endpoint.RefreshAsync(refreshToken, CancellationToken.None)).ConfigureAwait(false);
            }
            catch (FlowerPowerAuthenticationException exception)
                when (exception.OAuthError == "invalid_grant" && !string.IsNullOrEmpty(_options.Password))
            {
                Log.RefreshRejected(_logger, exception.OAuthError);
                grant = "password";
                response = await SendAsync(grant, () => _endpoint.SignInAsync(_options.Password!, CancellationToken.None)).ConfigureAwait(false);
            }
        }
        else if (!string.IsNullOrEmpty(_options.Password))
        {
            grant = "password";
            response = await SendAsync(grant, () => _endpoint.SignInAsync(_options.Password, CancellationToken.None)).ConfigureAwait(false);
        }
        else
        {
            throw new FlowerPowerAuthenticationException(
                $"{TokenEndpointClient.Operation} failed: no password is set and the token store holds no refresh token for user '{_options.Username}'.")
            {
                Operation = TokenEndpointClient.Operation,
            };
        }

        return await AcceptAsync(grant, response).ConfigureAwait(false);
    }

    private async Task<AuthenticationResponse> SendAsync(string grant, Func<Task<AuthenticationResponse>> request)
    {
        Log.RequestingToken(_logger, grant);
        try
        {
            var response = await request().ConfigureAwait(false);
            FlowerPowerDiagnostics.TokenRequests.Add(1, new("grant_type", grant), new("outcome", "success"));
            return response;
        }
        catch (FlowerPowerException exception)
        {
            FlowerPowerDiagnostics.TokenRequests.Add(1, new("grant_type", grant), new("outcome", "failure"));
            Log.TokenRequestFailed(_logger, exception.Message);
            throw;
        }
    }

    private async Task<AccessToken> AcceptAsync(string grant, AuthenticationResponse response)
    {
        // The endpoint client has refused an answer whose tokens could not be used safely.
        var accessToken = response.AccessToken!;
        var lifetime = response.ExpiresIn is > 0 and <= int.MaxValue ? TimeSpan.FromSeconds(response.ExpiresIn.Value) : DefaultLifetime;
        var margin = TimeSpan.FromTicks(Math.Min(LongestMargin.Ticks, lifetime.Ticks / 10));
        var now = _timeProvider.GetUtcNow();
        _redactor.RememberAccessToken(accessToken, now + lifetime);
        _redactor.RememberRefreshToken(response.RefreshToken);
        Log.TokenObtained(_logger, grant, lifetime);
        Activity.Current?.AddEvent(new ActivityEvent("flowerpower.token_obtained"));

        if (!string.IsNullOrEmpty(response.RefreshToken) && response.RefreshToken != _refreshToken)
        {
            _refreshToken = response.RefreshToken;
            try
            {
                await _store.SaveRefreshTokenAsync(_account, response.RefreshToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                Log.TokenStoreSaveFailed(_logger, exception);
            }
        }

        return new AccessToken(accessToken, now + lifetime, now + lifetime - margin);
    }
}
