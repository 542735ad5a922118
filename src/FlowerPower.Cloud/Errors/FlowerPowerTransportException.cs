namespace FlowerPower.Cloud;

/// <summary>The server could not be reached or did not answer in time, after retries. The caller's own cancellation is an <see cref="OperationCanceledException"/> instead.</summary>
public class FlowerPowerTransportException : FlowerPowerException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public FlowerPowerTransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public FlowerPowerTransportException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Whether the call ran out of time (<see cref="FlowerPowerClientOptions.Timeout"/> or the per-attempt timeout).</summary>
    public bool IsTimeout { get; init; }

    /// <summary>Whether the circuit breaker was open, so the request was not sent at all.</summary>
    public bool IsCircuitOpen { get; init; }
}
