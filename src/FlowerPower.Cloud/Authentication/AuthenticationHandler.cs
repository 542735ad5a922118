using System.Net;
using System.Net.Http.Headers;
using FlowerPower.Cloud.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Authentication;

/// <summary>
/// Puts the bearer token on every resource request. A 401 forces one token refresh and one replay of the request;
/// a second 401 is returned as it is (the client turns it into <see cref="FlowerPowerAuthenticationException"/>).
/// </summary>
internal sealed class AuthenticationHandler : DelegatingHandler
{
    private readonly TokenProvider _tokens;
    private readonly ILogger _logger;

    public AuthenticationHandler(TokenProvider tokens, ILogger logger)
    {
        _tokens = tokens;
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetTokenAsync(null, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        Log.ReplayingAfterUnauthorized(_logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty);
        response.Dispose();
        var fresh = await _tokens.GetTokenAsync(token, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
