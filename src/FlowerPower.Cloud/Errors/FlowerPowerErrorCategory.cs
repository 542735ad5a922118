namespace FlowerPower.Cloud;

/// <summary>What kind of failure an API error is, by what a caller does next.</summary>
public enum FlowerPowerErrorCategory
{
    /// <summary>Not known: neither the code nor the status says more.</summary>
    Unknown = 0,

    /// <summary>Bad credentials, client keys or token: fix the settings (<see cref="FlowerPowerAuthenticationException"/>).</summary>
    Authentication,

    /// <summary>The location, sensor, plant or user does not exist or is not yours (<see cref="FlowerPowerNotFoundException"/>).</summary>
    NotFound,

    /// <summary>The request was malformed or out of range: change it (<see cref="FlowerPowerValidationException"/>).</summary>
    Validation,

    /// <summary>The request clashes with the server's current state: refetch, then decide.</summary>
    Conflict,

    /// <summary>Too many requests: wait (<see cref="FlowerPowerRateLimitException"/>).</summary>
    RateLimit,

    /// <summary>The server failed: try again later (<see cref="FlowerPowerServerException"/>).</summary>
    Server,

    /// <summary>The API version or feature is not supported by the server.</summary>
    Unsupported,
}
