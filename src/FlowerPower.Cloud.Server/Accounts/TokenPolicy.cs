namespace FlowerPower.Cloud.Server.Accounts;

/// <summary>
/// The server's rules for refresh tokens, in one place and without a database: how long they live, how long a spent
/// one is honoured again, and what a redemption does. Every pair issued from one sign-in is a family; each refresh
/// token knows the one it was issued for (its parent), so the family is a chain and at most one branch of it lives.
/// </summary>
internal static class TokenPolicy
{
    /// <summary>How long a refresh token can be redeemed.</summary>
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(90);

    /// <summary>How long a spent refresh token is accepted again: a client whose refresh answer was lost retries with it.</summary>
    public static readonly TimeSpan RefreshGrace = TimeSpan.FromSeconds(60);

    /// <summary>
    /// What redeeming a refresh token does. <paramref name="spentAt"/> is when it was redeemed before (null: never);
    /// <paramref name="successorSpent"/> whether the pair issued then has itself been redeemed since.
    /// </summary>
    /// <remarks>
    /// Within the grace period a retry replaces the successor it was given before (whose answer the client lost) rather
    /// than adding a second live branch: the OAuth 2.0 Security BCP's "at most one valid refresh token". Once the
    /// successor has been used, or after the grace period, a second redemption is a replay: the family ends.
    /// </remarks>
    public static RefreshDecision Decide(DateTimeOffset? spentAt, bool successorSpent, DateTimeOffset now) =>
        spentAt is not { } at ? RefreshDecision.Issue
        : now - at > RefreshGrace || successorSpent ? RefreshDecision.RevokeFamily
        : RefreshDecision.ReplaceSuccessor;
}
