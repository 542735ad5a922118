using System.Collections.Concurrent;

namespace FlowerPower.Cloud;

/// <summary>The default <see cref="ITokenStore"/>: keeps token sets in memory, for the life of the process.</summary>
public sealed class InMemoryTokenStore : ITokenStore
{
    private readonly ConcurrentDictionary<TokenStoreKey, TokenSet> _tokens = new();

    /// <inheritdoc />
    public ValueTask<TokenSet?> GetAsync(TokenStoreKey key, CancellationToken cancellationToken = default) =>
        new(_tokens.TryGetValue(key, out var tokens) ? tokens : null);

    /// <inheritdoc />
    public ValueTask SaveAsync(TokenStoreKey key, TokenSet tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentException.ThrowIfNullOrEmpty(tokens.RefreshToken);
        _tokens[key] = tokens;
        return default;
    }

    /// <summary>Describes the store without its tokens.</summary>
    /// <returns>How many accounts have tokens.</returns>
    public override string ToString() => $"InMemoryTokenStore {{ Accounts = {_tokens.Count} }}";
}
