namespace FlowerPower.Cloud;

/// <summary>The server answered, but the answer could not be read: not JSON, cut off, or JSON of the wrong shape.</summary>
public class FlowerPowerResponseException : FlowerPowerException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public FlowerPowerResponseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public FlowerPowerResponseException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status of the answer.</summary>
    public System.Net.HttpStatusCode? StatusCode { get; init; }

    /// <summary>The media type the server declared, if any.</summary>
    public string? ContentType { get; init; }

    /// <summary>The start of the body (at most a few hundred characters), with anything that looks like a secret masked.</summary>
    public string? BodyPreview { get; init; }
}
