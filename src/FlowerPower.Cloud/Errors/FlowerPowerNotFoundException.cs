namespace FlowerPower.Cloud;

/// <summary>The location, sensor, plant or user does not exist, or is not the account's (for example 9000 UNKNOWN_LOCATION).</summary>
public class FlowerPowerNotFoundException : FlowerPowerApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public FlowerPowerNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public FlowerPowerNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal FlowerPowerNotFoundException(string message, FlowerPower.Cloud.Errors.ApiErrorDetails details)
        : base(message, details)
    {
    }
}
