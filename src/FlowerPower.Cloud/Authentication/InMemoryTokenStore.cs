using System.Collections.Concurrent;

namespace FlowerPower.Cloud;

/// <summary>The default <see cref="ITokenStore"/>: keeps refresh tokens in memory, for the life of the process.</summary>
public sealed class InMemoryTokenStore : ITokenStore
{
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<string?> GetRefreshTokenAsync(string account, CancellationToken cancellationToken = default) =>
        new(_tokens.TryGetValue(account, out var token) ? token : null);

    /// <inheritdoc />
    public ValueTask SaveRefreshTokenAsync(string account, string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        _tokens[account] = refreshToken;
        return default;
    }

    /// <summary>Describes the store without its tokens.</summary>
    /// <returns>How many accounts have a token.</returns>
    public override string ToString() => $"InMemoryTokenStore {{ Accounts = {_tokens.Count} }}";
}
