using System.Diagnostics;
using FlowerPower.Cloud.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Authentication;

/// <summary>
/// Holds the access token and replaces it before it expires. Single flight: however many calls need a token at
/// once, one token request is in flight and the others wait for it. Before any request it reads the
/// <see cref="ITokenStore"/>: a valid access token there (another instance's, or one from before a restart) is used
/// without a request; else the stored refresh token is redeemed. A refresh answered <c>invalid_grant</c> reads the
/// store again (another instance may have rotated the token) before it falls back to one password sign-in; with no
/// password, the refused refresh token is remembered and later calls fail at once (no request) until the store holds
/// another. A refresh made ahead of expiry that fails leaves the still-valid token in use and is tried again after
/// <see cref="EarlyRefreshRetryDelay"/>. Every token set the server issues is saved to the store. Store calls are
/// bounded by <see cref="FlowerPowerClientOptions.TokenStoreTimeout"/>; a slow store counts as a failed one.
/// </summary>
internal sealed class TokenProvider
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(172800);
    private static readonly TimeSpan LongestMargin = TimeSpan.FromMinutes(5);

    /// <summary>How long a failed early refresh waits before the next try, while the current token stays valid.</summary>
    internal static readonly TimeSpan EarlyRefreshRetryDelay = TimeSpan.FromSeconds(30);

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
    private DateTimeOffset _nextEarlyRefresh;
    private string? _refusedRefreshToken;

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
            if (_pending is null && _current is { } current && current.Value != rejectedToken)
            {
                var now = _timeProvider.GetUtcNow();
                if (now < current.RefreshAt || (now < _nextEarlyRefresh && now < current.ExpiresAt))
                {
                    return current.Value;
                }
            }

            if (_pending is null)
            {
                var spent = rejectedToken ?? _current?.Value;
                var stillValid = _current?.Value == rejectedToken ? null : _current;
                _pending = AcquireAsync(spent, stillValid);
            }

            pending = _pending;
        }

        var token = await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
        return token.Value;
    }

    /// <param name="spent">The token to replace.</param>
    /// <param name="stillValid">The current token when no server has rejected it: used again if the request fails before it expires.</param>
    private async Task<AccessToken> AcquireAsync(string? spent, AccessToken? stillValid)
    {
        // Leave the caller's lock before any work; the token request belongs to no single caller, so a caller's
        // cancellation stops its wait, not the request the other callers share.
        await Task.Yield();
        AccessToken token;
        try
        {
            token = await RequestTokenAsync(spent).ConfigureAwait(false);
        }
        catch (FlowerPowerException exception) when (stillValid is not null && _timeProvider.GetUtcNow() < stillValid.ExpiresAt)
        {
            var now = _timeProvider.GetUtcNow();
            Log.EarlyRefreshFailed(_logger, stillValid.ExpiresAt - now, EarlyRefreshRetryDelay, exception.Message);
            token = stillValid;
            lock (_gate)
            {
                _nextEarlyRefresh = now + EarlyRefreshRetryDelay;
            }
        }
        catch
        {
            lock (_gate)
            {
                _pending = null;
            }

            throw;
        }

        lock (_gate)
        {
            _current = token;
            _pending = null;
        }

        return token;
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
        if (refreshToken is not null && refreshToken == _refusedRefreshToken && string.IsNullOrEmpty(_options.Password))
        {
            throw RefreshRefused(null);
        }

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
                    // Later calls fail at once with this answer instead of presenting the refused token again.
                    _refusedRefreshToken = again?.RefreshToken ?? refreshToken;
                    Log.RefreshRefusedWithoutPassword(_logger);
                    throw RefreshRefused(exception);
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

    private FlowerPowerAuthenticationException RefreshRefused(FlowerPowerAuthenticationException? answer) =>
        new(
            $"{TokenEndpointClient.Operation} failed: the server refused the refresh token (invalid_grant) for user '{_options.Username}' and no password is set. " +
            "Sign in again: set FlowerPowerClientOptions.Password, or save a new refresh token to the token store. Until then every call fails at once, without asking the server.",
            answer)
        {
            Operation = TokenEndpointClient.Operation,
            StatusCode = answer?.StatusCode,
            OAuthError = "invalid_grant",
        };

    private async Task<AccessToken> RefreshAsync(string refreshToken)
    {
        const string Grant = "refresh_token";
        _redactor.RememberRefreshToken(refreshToken);
        var response = await SendAsync(Grant, () => _endpoint.RefreshAsync(refreshToken, CancellationToken.None)).ConfigureAwait(false);
        return await AcceptAsync(Grant, response, refreshToken).ConfigureAwait(false);
    }

    /// <summary>The store's tokens; a store that fails or answers late is logged and treated as empty, never as a failed call.</summary>
    private async Task<TokenSet?> ReadStoreAsync()
    {
        try
        {
            var stored = await WithinStoreTimeAsync(static (store, key, ct) => store.GetAsync(key, ct)).ConfigureAwait(false);
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
            Log.TokenStoreReadFailed(_logger, exception.GetType().Name, _redactor.Redact(exception.Message));
            return null;
        }
    }

    private async Task SaveStoreAsync(TokenSet tokens)
    {
        try
        {
            await WithinStoreTimeAsync(async (store, key, ct) =>
            {
                await store.SaveAsync(key, tokens, ct).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.TokenStoreSaveFailed(_logger, exception.GetType().Name, _redactor.Redact(exception.Message));
        }
    }

    /// <summary>
    /// One store call, cancelled at <see cref="FlowerPowerClientOptions.TokenStoreTimeout"/> and abandoned then even if
    /// the store ignores its token (<see cref="TimeoutException"/>). One timer does both, so the store always sees its
    /// token cancelled before the call is given up.
    /// </summary>
    private async Task<T> WithinStoreTimeAsync<T>(Func<ITokenStore, TokenStoreKey, CancellationToken, ValueTask<T>> call)
    {
        using var timeout = new CancellationTokenSource(_options.TokenStoreTimeout, _timeProvider);
        try
        {
            return await call(_store, _key, timeout.Token).AsTask().WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"The token store did not answer within {_options.TokenStoreTimeout}.");
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
            await SaveStoreAsync(new TokenSet { RefreshToken = refreshToken, AccessToken = accessToken, AccessTokenExpiresAt = now + lifetime }).ConfigureAwait(false);
        }

        return new AccessToken(accessToken, now + lifetime, now + lifetime - margin);
    }
}
