namespace FlowerPower.Cloud.Errors;

/// <summary>What an error answer said, in either of the API's two shapes, read without trusting its shape.</summary>
internal sealed record ErrorBody(
    IReadOnlyList<ApiError> Errors,
    string? ServerIdentifier,
    string? OAuthError,
    string? OAuthErrorDescription,
    bool IsJson)
{
    public static ErrorBody None { get; } = new([], null, null, null, false);
}
