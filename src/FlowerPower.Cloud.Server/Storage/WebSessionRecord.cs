namespace FlowerPower.Cloud.Server.Storage;

/// <summary>A signed-in browser as the server keeps it: whose it is, its tokens (protected by the web garden), and until when it lasts.</summary>
internal sealed record WebSessionRecord(long UserId, string Email, string ProtectedTokens, DateTimeOffset SeenUtc, DateTimeOffset ExpiresUtc);
