using System.Net;
using FlowerPower.Cloud.Errors;

namespace FlowerPower.Cloud;

/// <summary>
/// The server said no: an HTTP status other than 2xx, a non-empty <c>errors</c> array (even in an HTTP 200 body) or
/// an OAuth error from the token endpoint. Subclasses say what a caller does next; catch this type for all of them.
/// </summary>
public class FlowerPowerApiException : FlowerPowerException
{
    private readonly IReadOnlyList<ApiError> _errors = [];

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public FlowerPowerApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public FlowerPowerApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal FlowerPowerApiException(string message, ApiErrorDetails details)
        : base(message)
    {
        Operation = details.Operation;
        Attempts = details.Attempts;
        ErrorCode = details.ErrorCode;
        ErrorName = details.ErrorName;
        ServerMessage = details.ServerMessage;
        StatusCode = details.StatusCode;
        ServerIdentifier = details.ServerIdentifier;
        Category = details.Category;
        Errors = details.Errors;
    }

    /// <summary>The API's numeric error code, for example 9000; null when the server sent none.</summary>
    public int? ErrorCode { get; init; }

    /// <summary>
    /// The code's name from the reference, for example "UNKNOWN_LOCATION"; null for an unknown code, or for a code
    /// the reference reuses (7002, 5017) when the server's message does not tell which error was meant.
    /// </summary>
    public string? ErrorName { get; init; }

    /// <summary>The server's own message (<c>error_message</c> or <c>error_description</c>), if any.</summary>
    public string? ServerMessage { get; init; }

    /// <summary>The HTTP status of the answer; null when there was none.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The server build that answered (<c>server_identifier</c>), if it said.</summary>
    public string? ServerIdentifier { get; init; }

    /// <summary>What kind of failure this is.</summary>
    public FlowerPowerErrorCategory Category { get; init; }

    /// <summary>Every element of the response's <c>errors</c> array. Never null.</summary>
    public IReadOnlyList<ApiError> Errors { get => _errors; init => _errors = value ?? []; }
}
