using System.Net;
using System.Runtime.CompilerServices;
using FlowerPower.Cloud.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Authentication;

/// <summary>
/// Sends a resource request with the current bearer token. A 401 forces one token refresh and one replay of the
/// request; an answer to the replay is returned as it is, a second 401 included (it becomes
/// <see cref="FlowerPowerAuthenticationException"/>).
/// </summary>
internal sealed class BearerAuthorizer(TokenProvider tokens, ILogger logger)
{
    /// <summary>Sends once, or twice when the first answer is a 401.</summary>
    /// <typeparam name="TState">What <paramref name="send"/> needs, passed through so that no closure is allocated per call.</typeparam>
    /// <param name="operation">The operation, for the log.</param>
    /// <param name="send">Sends the request with the token it is given; each call is one request.</param>
    /// <param name="state">Handed to <paramref name="send"/>.</param>
    /// <param name="cancellationToken">Stops the wait for a token and the request.</param>
    /// <returns>The answer to the last request sent.</returns>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<HttpResponseMessage> SendAsync<TState>(
        string operation, Func<TState, string, CancellationToken, ValueTask<HttpResponseMessage>> send, TState state, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(null, cancellationToken).ConfigureAwait(false);
        var response = await send(state, token, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        Log.ReplayingAfterUnauthorized(logger, operation);
        response.Dispose();
        var fresh = await tokens.GetTokenAsync(token, cancellationToken).ConfigureAwait(false);
        return await send(state, fresh, cancellationToken).ConfigureAwait(false);
    }
}
