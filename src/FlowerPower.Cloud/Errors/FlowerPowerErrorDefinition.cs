namespace FlowerPower.Cloud;

/// <summary>One row of the API reference's error tables.</summary>
public sealed class FlowerPowerErrorDefinition
{
    /// <summary>Creates a definition.</summary>
    /// <param name="code">The numeric code.</param>
    /// <param name="name">The symbolic name.</param>
    /// <param name="message">The reference's message.</param>
    /// <param name="category">What a caller does next.</param>
    internal FlowerPowerErrorDefinition(int code, string name, string message, FlowerPowerErrorCategory category)
    {
        Code = code;
        Name = name;
        Message = message;
        Category = category;
    }

    /// <summary>The numeric code, for example 9048.</summary>
    public int Code { get; }

    /// <summary>The symbolic name, for example "REQUEST_DATE_SPAN_TOO_LARGE".</summary>
    public string Name { get; }

    /// <summary>The reference's message, for example "The requested date span is too large".</summary>
    public string Message { get; }

    /// <summary>What a caller does next, which also picks the exception type.</summary>
    public FlowerPowerErrorCategory Category { get; }

    /// <summary>The code and name.</summary>
    /// <returns>For example "9048 REQUEST_DATE_SPAN_TOO_LARGE".</returns>
    public override string ToString() => $"{Code} {Name}";
}
