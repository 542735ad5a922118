namespace FlowerPower.Cloud.Server.Web;

/// <summary>The token store of a sign-in: it starts empty and keeps what the password grant issued, for the new session.</summary>
internal sealed class CapturedTokens : ITokenStore
{
    public TokenSet? Tokens { get; private set; }

    public ValueTask<TokenSet?> GetAsync(TokenStoreKey key, CancellationToken cancellationToken = default) => ValueTask.FromResult(Tokens);

    public ValueTask SaveAsync(TokenStoreKey key, TokenSet tokens, CancellationToken cancellationToken = default)
    {
        Tokens = tokens;
        return ValueTask.CompletedTask;
    }

    public override string ToString() => "CapturedTokens { Tokens = *** }";
}
