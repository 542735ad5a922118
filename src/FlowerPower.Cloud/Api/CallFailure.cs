using System.Runtime.ExceptionServices;

namespace FlowerPower.Cloud.Api;

/// <summary>
/// What a failed send becomes for the caller. Refit wraps whatever the HTTP pipeline threw in its own exception;
/// that wrapper never escapes: the caller's cancellation stays an <see cref="OperationCanceledException"/>, the
/// SDK's own exceptions pass through, and transport failures become <see cref="FlowerPowerTransportException"/>
/// naming the operation.
/// </summary>
internal static class CallFailure
{
    public static Exception Translate(string operation, Exception exception, CancellationToken cancellationToken, Func<string, string> redact)
    {
        var cause = exception is Refit.ApiExceptionBase { InnerException: { } inner } ? inner : exception;
        switch (cause)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                break;
            case FlowerPowerTransportException { Operation: null } transport:
                return new FlowerPowerTransportException($"{operation} failed: {transport.Message}", transport.InnerException)
                {
                    Operation = operation,
                    Attempts = transport.Attempts,
                    IsTimeout = transport.IsTimeout,
                    IsCircuitOpen = transport.IsCircuitOpen,
                };
            case HttpRequestException or IOException or OperationCanceledException or Refit.ApiExceptionBase:
                return new FlowerPowerTransportException($"{operation} failed: {redact(cause.Message)}", cause)
                {
                    Operation = operation,
                    IsTimeout = cause is OperationCanceledException,
                };
        }

        // The caller's cancellation, the SDK's own exceptions and anything unforeseen leave as they came.
        ExceptionDispatchInfo.Throw(cause);
        return cause;
    }
}
