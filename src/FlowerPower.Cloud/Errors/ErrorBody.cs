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

    /// <summary>How many elements the <c>errors</c> array held, null ones (which carry no detail) included.</summary>
    public int ReportedCount { get; init; }

    /// <summary>Whether the body reported any error at all, even one without details.</summary>
    public bool ReportsErrors => ReportedCount > 0 || Errors.Count > 0;
}
