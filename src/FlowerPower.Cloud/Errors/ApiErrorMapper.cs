using System.Globalization;
using System.Net;
using System.Text;

namespace FlowerPower.Cloud.Errors;

/// <summary>
/// Turns what the server said (status, <c>errors[]</c>, OAuth error) into the typed exception a caller catches. The
/// code's category wins when the catalog knows it; otherwise the HTTP status decides.
/// </summary>
internal static class ApiErrorMapper
{
    public static FlowerPowerApiException Create(
        string operation,
        HttpStatusCode? statusCode,
        ErrorBody body,
        TimeSpan? retryAfter,
        int? attempts,
        string? bodyPreview,
        Func<string, string> redact)
    {
        var first = body.Errors.FirstOrDefault(e => e.ErrorCode is not null) ?? body.Errors.FirstOrDefault();
        var code = first?.ErrorCode;
        FlowerPowerErrorDefinition? definition = null;
        if (code is int c)
        {
            FlowerPowerErrorCatalog.TryResolve(c, first?.ErrorMessage, out definition);
        }

        var category = Categorize(code, definition, statusCode, body.OAuthError is not null);
        var serverMessage = first?.ErrorMessage ?? body.OAuthErrorDescription;
        var message = redact(Describe(operation, statusCode, body, first, definition, attempts, bodyPreview));
        var details = new ApiErrorDetails(
            operation,
            attempts,
            code,
            definition?.Name,
            serverMessage is null ? null : redact(serverMessage),
            statusCode,
            body.ServerIdentifier,
            category,
            body.Errors.Select(e => Redacted(e, redact)).ToList());

        return category switch
        {
            FlowerPowerErrorCategory.Authentication => new FlowerPowerAuthenticationException(message, details) { OAuthError = body.OAuthError },
            FlowerPowerErrorCategory.NotFound => new FlowerPowerNotFoundException(message, details),
            FlowerPowerErrorCategory.Validation => new FlowerPowerValidationException(message, details),
            FlowerPowerErrorCategory.RateLimit => new FlowerPowerRateLimitException(message, details) { RetryAfter = retryAfter },
            FlowerPowerErrorCategory.Server => new FlowerPowerServerException(message, details),
            _ => new FlowerPowerApiException(message, details),
        };
    }

    private static ApiError Redacted(ApiError error, Func<string, string> redact) =>
        error.ErrorMessage is null
            ? error
            : new ApiError { ErrorCode = error.ErrorCode, ErrorMessage = redact(error.ErrorMessage), AdditionalProperties = error.AdditionalProperties };

    private static FlowerPowerErrorCategory Categorize(
        int? code,
        FlowerPowerErrorDefinition? definition,
        HttpStatusCode? statusCode,
        bool isOAuthError)
    {
        if (statusCode == HttpStatusCode.TooManyRequests)
        {
            return FlowerPowerErrorCategory.RateLimit;
        }

        // A 401 or 403 that survived the token refresh and replay is about the credentials, whatever code the body
        // carries; the code and its name stay on the exception as details.
        if (isOAuthError || statusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return FlowerPowerErrorCategory.Authentication;
        }

        if (definition is not null)
        {
            return definition.Category;
        }

        if (code is int reused && FlowerPowerErrorCatalog.Find(reused) is { Count: > 1 } candidates &&
            candidates.All(d => d.Category == candidates[0].Category))
        {
            return candidates[0].Category;
        }

        return statusCode switch
        {
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => FlowerPowerErrorCategory.Validation,
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => FlowerPowerErrorCategory.Authentication,
            HttpStatusCode.NotFound or HttpStatusCode.Gone => FlowerPowerErrorCategory.NotFound,
            HttpStatusCode.Conflict => FlowerPowerErrorCategory.Conflict,
            HttpStatusCode.RequestTimeout => FlowerPowerErrorCategory.Server,
            HttpStatusCode status when (int)status >= 500 => FlowerPowerErrorCategory.Server,
            _ => FlowerPowerErrorCategory.Unknown,
        };
    }

    private static string Describe(
        string operation,
        HttpStatusCode? statusCode,
        ErrorBody body,
        ApiError? first,
        FlowerPowerErrorDefinition? definition,
        int? attempts,
        string? bodyPreview)
    {
        var text = new StringBuilder(operation).Append(" failed: ");
        if (first is not null)
        {
            if (first.ErrorCode is int code)
            {
                var name = definition?.Name ?? NameOfUnresolved(code);
                text.Append(name).Append(" (").Append(code.ToString(CultureInfo.InvariantCulture)).Append(')');
            }
            else
            {
                text.Append("error");
            }

            var serverMessage = first.ErrorMessage ?? definition?.Message;
            if (!string.IsNullOrWhiteSpace(serverMessage))
            {
                text.Append(": ").Append(serverMessage.Trim());
            }

            if (body.Errors.Count > 1)
            {
                text.Append(" (and ").Append(body.Errors.Count - 1).Append(" more)");
            }
        }
        else if (body.OAuthError is not null)
        {
            text.Append("the token endpoint answered ").Append(body.OAuthError);
            if (!string.IsNullOrWhiteSpace(body.OAuthErrorDescription))
            {
                text.Append(": ").Append(body.OAuthErrorDescription.Trim());
            }
        }
        else if (body.ReportedCount > 0)
        {
            text.Append("the server reported ").Append(body.ReportedCount)
                .Append(body.ReportedCount == 1 ? " error" : " errors").Append(" without details");
        }
        else
        {
            text.Append("the server answered without error details");
        }

        text.Append(" [");
        text.Append(statusCode is HttpStatusCode status
            ? string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)status} {status}")
            : "no HTTP status");
        if (attempts is int count)
        {
            text.Append(", ").Append(count).Append(count == 1 ? " attempt" : " attempts");
        }

        text.Append(']');
        if (!string.IsNullOrEmpty(bodyPreview))
        {
            text.Append(". The body starts: ").Append(bodyPreview);
        }

        return text.ToString();
    }

    private static string NameOfUnresolved(int code) =>
        FlowerPowerErrorCatalog.Find(code) switch
        {
            { Count: 0 } => "unknown error",
            var candidates => "one of " + string.Join(" or ", candidates.Select(c => c.Name)),
        };
}
