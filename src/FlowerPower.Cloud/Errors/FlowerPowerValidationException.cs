namespace FlowerPower.Cloud;

/// <summary>The server rejected the request as malformed or out of range (for example 9048 REQUEST_DATE_SPAN_TOO_LARGE). Change the request; retrying does not help.</summary>
public class FlowerPowerValidationException : FlowerPowerApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public FlowerPowerValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public FlowerPowerValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal FlowerPowerValidationException(string message, FlowerPower.Cloud.Errors.ApiErrorDetails details)
        : base(message, details)
    {
    }
}
