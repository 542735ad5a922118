using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Diagnostics;

/// <summary>Every log line the SDK writes, with stable event ids. None takes a secret as an argument.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Requesting a token with the {GrantType} grant")]
    public static partial void RequestingToken(ILogger logger, string grantType);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Obtained a token with the {GrantType} grant; it expires in {ExpiresIn}")]
    public static partial void TokenObtained(ILogger logger, string grantType, TimeSpan expiresIn);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "The refresh token was rejected ({OAuthError}); signing in with the password instead")]
    public static partial void RefreshRejected(ILogger logger, string? oAuthError);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "The token request failed: {Reason}")]
    public static partial void TokenRequestFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "{Operation} was answered 401; refreshing the token and sending the request once more")]
    public static partial void ReplayingAfterUnauthorized(ILogger logger, string operation);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Saving the refresh token to the token store failed ({ExceptionType}: {Reason})")]
    public static partial void TokenStoreSaveFailed(ILogger logger, string exceptionType, string reason);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Reading the token store failed ({ExceptionType}: {Reason}); asking the server for a token instead")]
    public static partial void TokenStoreReadFailed(ILogger logger, string exceptionType, string reason);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Refreshing the token ahead of its expiry failed ({Reason}); the current token, valid for {Remaining} more, stays in use and the refresh is tried again in {RetryIn}")]
    public static partial void EarlyRefreshFailed(ILogger logger, TimeSpan remaining, TimeSpan retryIn, string reason);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Error, Message = "The server refused the refresh token and no password is set; calls fail until the client signs in again or the token store holds a new refresh token")]
    public static partial void RefreshRefusedWithoutPassword(ILogger logger);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "{Operation}: attempt {Attempt} failed ({Reason}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string operation, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "The circuit breaker opened for {BreakDuration} after repeated failures ({Reason})")]
    public static partial void CircuitOpened(ILogger logger, TimeSpan breakDuration, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "The circuit breaker closed again")]
    public static partial void CircuitClosed(ILogger logger);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "{Operation} succeeded in {Elapsed}")]
    public static partial void OperationSucceeded(ILogger logger, string operation, TimeSpan elapsed);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "{Operation} failed: {Reason}")]
    public static partial void OperationFailed(ILogger logger, string operation, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Reading samples of a location in {WindowCount} windows")]
    public static partial void ReadingSampleWindows(ILogger logger, int windowCount);
}
