namespace FlowerPower.Cloud;

/// <summary>The server answered 429 Too Many Requests, and kept answering it through every retry.</summary>
public class FlowerPowerRateLimitException : FlowerPowerApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public FlowerPowerRateLimitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public FlowerPowerRateLimitException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal FlowerPowerRateLimitException(string message, FlowerPower.Cloud.Errors.ApiErrorDetails details)
        : base(message, details)
    {
    }

    /// <summary>How long the server asked the client to wait (<c>Retry-After</c>), if it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
