namespace FlowerPower.Cloud.Server.Accounts;

/// <summary>What redeeming a refresh token does (<see cref="TokenPolicy.Decide"/>).</summary>
internal enum RefreshDecision
{
    /// <summary>First redemption: the token is spent and the next pair issued.</summary>
    Issue,

    /// <summary>A retry within the grace period: the pair issued the first time is revoked and a new one issued in its place.</summary>
    ReplaceSuccessor,

    /// <summary>A replay: the token's whole family is revoked and nothing is issued.</summary>
    RevokeFamily,
}
