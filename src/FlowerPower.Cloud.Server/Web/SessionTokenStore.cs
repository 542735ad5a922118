using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Server.Web;

/// <summary>
/// The token store of one web session's SDK client: it reads the tokens from the session's row and writes the row the
/// moment the SDK saves a rotation, so no page outcome (an aborted request, a crash after the refresh) can lose one.
/// The tokens are protected by Data Protection before they reach the database (<see cref="SessionTokens"/>).
/// </summary>
internal sealed class SessionTokenStore(WebSessionStore sessions, SessionTokens protector, string sessionId) : ITokenStore
{
    public async ValueTask<TokenSet?> GetAsync(TokenStoreKey key, CancellationToken cancellationToken = default) =>
        await sessions.FindAsync(sessionId, cancellationToken) is { } session ? protector.Unprotect(session.ProtectedTokens) : null;

    public async ValueTask SaveAsync(TokenStoreKey key, TokenSet tokens, CancellationToken cancellationToken = default) =>
        await sessions.SaveTokensAsync(sessionId, protector.Protect(tokens), cancellationToken);

    public override string ToString() => "SessionTokenStore { Session = *** }";
}
