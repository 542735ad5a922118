namespace FlowerPower.Cloud;

/// <summary>One element of a response's <c>errors</c> array.</summary>
public sealed class ApiError : FlowerPowerModel
{
    /// <summary>The API's numeric error code (<c>error_code</c>), sent as a number or a numeric string; null when absent or not a number.</summary>
    public int? ErrorCode { get; set; }

    /// <summary>The server's own message (<c>error_message</c>).</summary>
    public string? ErrorMessage { get; set; }
}
