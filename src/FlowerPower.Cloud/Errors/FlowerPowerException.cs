namespace FlowerPower.Cloud;

/// <summary>
/// Base of everything the SDK throws for a failed call. Argument errors (<see cref="ArgumentException"/>) and the
/// caller's own cancellation (<see cref="OperationCanceledException"/>) are the only other exceptions a call throws.
/// Messages never contain a password, a client secret or a token.
/// </summary>
public class FlowerPowerException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public FlowerPowerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public FlowerPowerException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The client operation that failed, for example "GetGardenStatus".</summary>
    public string? Operation { get; init; }

    /// <summary>How many HTTP attempts were made, retries included; null when none was made.</summary>
    public int? Attempts { get; init; }
}
