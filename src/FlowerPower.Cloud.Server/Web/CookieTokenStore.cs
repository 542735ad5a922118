namespace FlowerPower.Cloud.Server.Web;

/// <summary>
/// The token store of one browser request: it holds the tokens the sign-in cookie carried, and whatever the SDK saves
/// during the request (a refresh rotates them), so the cookie can be written again before the page goes out.
/// </summary>
internal sealed class CookieTokenStore(TokenSet? fromCookie) : ITokenStore
{
    private TokenSet? _saved;

    public TokenSet? Tokens => _saved ?? fromCookie;

    /// <summary>Whether the SDK saved a token set the cookie does not hold yet.</summary>
    public bool Changed => _saved is not null && _saved != fromCookie;

    public ValueTask<TokenSet?> GetAsync(TokenStoreKey key, CancellationToken cancellationToken = default) => ValueTask.FromResult(Tokens);

    public ValueTask SaveAsync(TokenStoreKey key, TokenSet tokens, CancellationToken cancellationToken = default)
    {
        _saved = tokens;
        return ValueTask.CompletedTask;
    }

    public override string ToString() => "CookieTokenStore { Tokens = *** }";
}
