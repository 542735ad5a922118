using System.Diagnostics;
using FlowerPower.Cloud.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Authentication;

/// <summary>
/// Holds the access token and replaces it before it expires. Single flight: however many calls need a token at
/// once, one token request is in flight and the others wait for it. Before any request it reads the
/// <see cref="ITokenStore"/>: a valid access token there (another instance's, or one from before a restart) is used
/// without a request; else the stored refresh token is redeemed. A refresh answered <c>invalid_grant</c> reads the
/// store again (another instance may have rotated the token) before it falls back to one password sign-in. Every
/// token set the server issues is saved to the store.
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
    private readonly TokenStoreKey _key;
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
        _key = new TokenStoreKey(options.BaseAddress, options.ClientId ?? string.Empty, options.Username ?? string.Empty);
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

            _pending ??= AcquireAsync(rejectedToken ?? _current?.Value);
            pending = _pending;
        }

        var token = await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
        return token.Value;
    }

    private async Task<AccessToken> AcquireAsync(string? spent)
    {
        // Leave the caller's lock before any work; the token request belongs to no single caller, so a caller's
        // cancellation stops its wait, not the request the other callers share.
        await Task.Yield();
        try
        {
            var token = await RequestTokenAsync(spent).ConfigureAwait(false);
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

    /// <summary>A token other than <paramref name="spent"/> (the one rejected or due): from the store, by refresh, or by password.</summary>
    private async Task<AccessToken> RequestTokenAsync(string? spent)
    {
        var stored = await ReadStoreAsync().ConfigureAwait(false);
        if (Usable(stored, spent) is { } shared)
        {
            return shared;
        }

        var refreshToken = stored?.RefreshToken ?? _refreshToken;
        if (refreshToken is not null)
        {
            try
            {
                return await RefreshAsync(refreshToken).ConfigureAwait(false);
            }
            catch (FlowerPowerAuthenticationException exception) when (exception.OAuthError == "invalid_grant")
            {
                // Another instance sharing the store may have spent this refresh token: its successor is there.
                var again = await ReadStoreAsync().ConfigureAwait(false);
                if (Usable(again, spent) is { } rotated)
                {
                    return rotated;
                }

                if (again?.RefreshToken is { } newer && newer != refreshToken)
                {
                    try
                    {
                        return await RefreshAsync(newer).ConfigureAwait(false);
                    }
                    catch (FlowerPowerAuthenticationException second) when (second.OAuthError == "invalid_grant" && !string.IsNullOrEmpty(_options.Password))
                    {
                    }
                }

                if (string.IsNullOrEmpty(_options.Password))
                {
                    throw;
                }

                Log.RefreshRejected(_logger, exception.OAuthError);
            }
        }

        if (!string.IsNullOrEmpty(_options.Password))
        {
            const string Grant = "password";
            return await AcceptAsync(Grant, await SendAsync(Grant, () => _endpoint.SignInAsync(_options.Password, CancellationToken.None)).ConfigureAwait(false), null)
                .ConfigureAwait(false);
        }

        throw new FlowerPowerAuthenticationException(
            $"{TokenEndpointClient.Operation} failed: no password is set and the token store holds no refresh token for user '{_options.Username}'.")
        {
            Operation = TokenEndpointClient.Operation,
        };
    }

    private async Task<AccessToken> RefreshAsync(string refreshToken)
    {
        const string Grant = "refresh_token";
        _redactor.RememberRefreshToken(refreshToken);
        var response = await SendAsync(Grant, () => _endpoint.RefreshAsync(refreshToken, CancellationToken.None)).ConfigureAwait(false);
        return await AcceptAsync(Grant, response, refreshToken).ConfigureAwait(false);
    }

    /// <summary>The store's tokens; a store that fails is logged and treated as empty, never as a failed call.</summary>
    private async Task<TokenSet?> ReadStoreAsync()
    {
        try
        {
            var stored = await _store.GetAsync(_key).ConfigureAwait(false);
            if (stored is not null)
            {
                _redactor.RememberRefreshToken(stored.RefreshToken);
                if (stored is { AccessToken: { } access, AccessTokenExpiresAt: { } expires })
                {
                    _redactor.RememberAccessToken(access, expires);
                }
            }

            return stored;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.TokenStoreReadFailed(_logger, exception);
            return null;
        }
    }

    /// <summary>The stored access token when it is another than <paramref name="spent"/>, well-formed and not expired.</summary>
    private AccessToken? Usable(TokenSet? stored, string? spent)
    {
        if (stored is not { AccessToken: { } value, AccessTokenExpiresAt: { } expires } || value == spent || !TokenEndpointClient.IsUsableToken(value))
        {
            return null;
        }

        var remaining = expires - _timeProvider.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            return null;
        }

        _refreshToken = stored.RefreshToken;
        var margin = TimeSpan.FromTicks(Math.Min(LongestMargin.Ticks, remaining.Ticks / 10));
        Log.TokenObtained(_logger, "shared", remaining);
        return new AccessToken(value, expires, expires - margin);
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

    private async Task<AccessToken> AcceptAsync(string grant, AuthenticationResponse response, string? previousRefreshToken)
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

        var refreshToken = string.IsNullOrEmpty(response.RefreshToken) ? previousRefreshToken : response.RefreshToken;
        _refreshToken = refreshToken;
        if (refreshToken is not null)
        {
            try
            {
                await _store.SaveAsync(_key, new TokenSet { RefreshToken = refreshToken, AccessToken = accessToken, AccessTokenExpiresAt = now + lifetime })
                    .ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                Log.TokenStoreSaveFailed(_logger, exception);
            }
        }

        return new AccessToken(accessToken, now + lifetime, now + lifetime - margin);
    }
}
