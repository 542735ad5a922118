namespace FlowerPower.Cloud;

/// <summary>The server failed (HTTP 5xx or 5200 INTERNAL_ERROR), and kept failing through every retry. Try again later.</summary>
public class FlowerPowerServerException : FlowerPowerApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public FlowerPowerServerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public FlowerPowerServerException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal FlowerPowerServerException(string message, FlowerPower.Cloud.Errors.ApiErrorDetails details)
        : base(message, details)
    {
    }
}
