namespace FlowerPower.Cloud.Server.Limits;

/// <summary>How often sign-ins and uploads may be tried (<see cref="SignInLimits"/>, <see cref="UploadLimits"/>).</summary>
internal sealed record Allowances
{
    /// <summary>Token requests and sign-in forms one client address may send at once before it is slowed to <see cref="SignInsPerMinutePerAddress"/>.</summary>
    public int SignInBurstPerAddress { get; init; } = 20;

    public int SignInsPerMinutePerAddress { get; init; } = 10;

    /// <summary>Failed passwords for one user name, from anywhere, before the name is locked (for addresses that have been failing too).</summary>
    public int FailedSignInBurstPerUser { get; init; } = 10;

    public double FailedSignInsPerMinutePerUser { get; init; } = 2;

    /// <summary>Failed passwords for one user name from one address before that address is refused for the name while it is locked.</summary>
    public int FailedSignInBurstPerAddressAndUser { get; init; } = 3;

    public double FailedSignInsPerHourPerAddressAndUser { get; init; } = 12;

    /// <summary>History buffers one user may upload an hour.</summary>
    public int UploadsPerHourPerUser { get; init; } = 2_000;
}
