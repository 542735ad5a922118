namespace FlowerPower.Cloud;

/// <summary>
/// How a measurement of a location stands (<c>status_key</c>). Values the SDK does not know are kept as they were sent, so a new server value
/// never breaks reading; compare with the static members.
/// </summary>
public readonly struct StatusKey : IEquatable<StatusKey>
{
    private readonly string? _value;

    /// <summary>Wraps a value as the server sent it.</summary>
    /// <param name="value">The wire value, for example "status_ok".</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public StatusKey(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The value as the server sent it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary><c>status_ok</c>: the measurement is fine.</summary>
    public static StatusKey StatusOk { get; } = new("status_ok");

    /// <summary><c>status_warning</c>: the measurement needs attention.</summary>
    public static StatusKey StatusWarning { get; } = new("status_warning");

    /// <summary><c>status_critical</c>: the measurement needs action now.</summary>
    public static StatusKey StatusCritical { get; } = new("status_critical");

    /// <summary><c>predicted_action</c>: an action is predicted (see the predicted action time).</summary>
    public static StatusKey PredictedAction { get; } = new("predicted_action");

    /// <summary><c>waiting_data</c>: not enough data yet.</summary>
    public static StatusKey WaitingData { get; } = new("waiting_data");

    /// <summary><c>action_done</c>: the owner acted.</summary>
    public static StatusKey ActionDone { get; } = new("action_done");

    /// <summary>Whether this is one of the values the SDK knows.</summary>
    public bool IsKnown => Array.IndexOf(KnownValues, Value) >= 0;

    private static readonly string[] KnownValues = ["status_ok", "status_warning", "status_critical", "predicted_action", "waiting_data", "action_done"];

    /// <summary>Wraps a wire value.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator StatusKey(string value) => new(value);

    /// <summary>Compares two values by their wire text.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(StatusKey left, StatusKey right) => left.Equals(right);

    /// <summary>Compares two values by their wire text.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(StatusKey left, StatusKey right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(StatusKey other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is StatusKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The value as the server sent it.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
