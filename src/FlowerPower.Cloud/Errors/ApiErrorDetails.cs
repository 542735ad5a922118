using System.Net;

namespace FlowerPower.Cloud.Errors;

/// <summary>The fields every <see cref="FlowerPowerApiException"/> carries, gathered once by the mapper.</summary>
internal sealed record ApiErrorDetails(
    string Operation,
    int? Attempts,
    int? ErrorCode,
    string? ErrorName,
    string? ServerMessage,
    HttpStatusCode? StatusCode,
    string? ServerIdentifier,
    FlowerPowerErrorCategory Category,
    IReadOnlyList<ApiError> Errors);
