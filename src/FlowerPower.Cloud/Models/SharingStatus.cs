namespace FlowerPower.Cloud;

/// <summary>
/// Where the app's sharing prompt stands (<c>sharing_status</c>). Values the SDK does not know are kept as they were sent, so a new server value
/// never breaks reading; compare with the static members.
/// </summary>
public readonly struct SharingStatus : IEquatable<SharingStatus>
{
    private readonly string? _value;

    /// <summary>Wraps a value as the server sent it.</summary>
    /// <param name="value">The wire value, for example "to_be_reminded".</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public SharingStatus(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The value as the server sent it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary><c>to_be_reminded</c>: remind the user later.</summary>
    public static SharingStatus ToBeReminded { get; } = new("to_be_reminded");

    /// <summary><c>never_remind</c>: never remind the user.</summary>
    public static SharingStatus NeverRemind { get; } = new("never_remind");

    /// <summary><c>shared</c>: the user shared.</summary>
    public static SharingStatus Shared { get; } = new("shared");

    /// <summary><c>to_be_shared</c>: ready to be shared.</summary>
    public static SharingStatus ToBeShared { get; } = new("to_be_shared");

    /// <summary><c>conditions_unmet</c>: not all gauges are green yet.</summary>
    public static SharingStatus ConditionsUnmet { get; } = new("conditions_unmet");

    /// <summary>Whether this is one of the values the SDK knows.</summary>
    public bool IsKnown => Array.IndexOf(KnownValues, Value) >= 0;

    private static readonly string[] KnownValues = ["to_be_reminded", "never_remind", "shared", "to_be_shared", "conditions_unmet"];

    /// <summary>Wraps a wire value.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator SharingStatus(string value) => new(value);

    /// <summary>Compares two values by their wire text.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(SharingStatus left, SharingStatus right) => left.Equals(right);

    /// <summary>Compares two values by their wire text.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(SharingStatus left, SharingStatus right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(SharingStatus other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SharingStatus other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The value as the server sent it.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
