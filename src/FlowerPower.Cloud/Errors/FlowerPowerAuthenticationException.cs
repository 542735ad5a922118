namespace FlowerPower.Cloud;

/// <summary>Bad credentials or client keys, or a token the server would not accept even after a refresh. Fix the settings; retrying does not help.</summary>
public class FlowerPowerAuthenticationException : FlowerPowerApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public FlowerPowerAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public FlowerPowerAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal FlowerPowerAuthenticationException(string message, FlowerPower.Cloud.Errors.ApiErrorDetails details)
        : base(message, details)
    {
    }

    /// <summary>The OAuth error of the token endpoint, for example "invalid_grant" (wrong password) or "invalid_client".</summary>
    public string? OAuthError { get; init; }
}
