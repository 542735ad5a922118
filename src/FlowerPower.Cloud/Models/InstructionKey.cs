namespace FlowerPower.Cloud;

/// <summary>
/// What the owner of a plant should do about a measurement (<c>instruction_key</c>). Values the SDK does not know are kept as they were sent, so a new server value
/// never breaks reading; compare with the static members.
/// </summary>
public readonly struct InstructionKey : IEquatable<InstructionKey>
{
    private readonly string? _value;

    /// <summary>Wraps a value as the server sent it.</summary>
    /// <param name="value">The wire value, for example "air_temperature_good".</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public InstructionKey(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The value as the server sent it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary><c>air_temperature_good</c>: air temperature fine.</summary>
    public static InstructionKey AirTemperatureGood { get; } = new("air_temperature_good");

    /// <summary><c>air_temperature_too_low</c>: air temperature too low.</summary>
    public static InstructionKey AirTemperatureTooLow { get; } = new("air_temperature_too_low");

    /// <summary><c>air_temperature_too_high</c>: air temperature too high.</summary>
    public static InstructionKey AirTemperatureTooHigh { get; } = new("air_temperature_too_high");

    /// <summary><c>air_temperature_soon_available</c>: air temperature available soon.</summary>
    public static InstructionKey AirTemperatureSoonAvailable { get; } = new("air_temperature_soon_available");

    /// <summary><c>air_temperature_no_plant</c>: air temperature no plant assigned.</summary>
    public static InstructionKey AirTemperatureNoPlant { get; } = new("air_temperature_no_plant");

    /// <summary><c>light_good</c>: light fine.</summary>
    public static InstructionKey LightGood { get; } = new("light_good");

    /// <summary><c>light_too_low</c>: light too low.</summary>
    public static InstructionKey LightTooLow { get; } = new("light_too_low");

    /// <summary><c>light_too_high</c>: light too high.</summary>
    public static InstructionKey LightTooHigh { get; } = new("light_too_high");

    /// <summary><c>light_soon_available</c>: light available soon.</summary>
    public static InstructionKey LightSoonAvailable { get; } = new("light_soon_available");

    /// <summary><c>light_no_plant</c>: light no plant assigned.</summary>
    public static InstructionKey LightNoPlant { get; } = new("light_no_plant");

    /// <summary><c>fertilizer_good</c>: fertilizer fine.</summary>
    public static InstructionKey FertilizerGood { get; } = new("fertilizer_good");

    /// <summary><c>fertilizer_too_low</c>: fertilizer too low.</summary>
    public static InstructionKey FertilizerTooLow { get; } = new("fertilizer_too_low");

    /// <summary><c>fertilizer_too_high</c>: fertilizer too high.</summary>
    public static InstructionKey FertilizerTooHigh { get; } = new("fertilizer_too_high");

    /// <summary><c>fertilizer_unavailable</c>: fertilizer unavailable.</summary>
    public static InstructionKey FertilizerUnavailable { get; } = new("fertilizer_unavailable");

    /// <summary><c>fertilizer_not_measurable</c>: fertilizer cannot be measured.</summary>
    public static InstructionKey FertilizerNotMeasurable { get; } = new("fertilizer_not_measurable");

    /// <summary><c>fertilizer_no_plant</c>: fertilizer no plant assigned.</summary>
    public static InstructionKey FertilizerNoPlant { get; } = new("fertilizer_no_plant");

    /// <summary><c>soil_moisture_good</c>: soil moisture fine.</summary>
    public static InstructionKey SoilMoistureGood { get; } = new("soil_moisture_good");

    /// <summary><c>soil_moisture_too_low</c>: soil moisture too low: water the plant.</summary>
    public static InstructionKey SoilMoistureTooLow { get; } = new("soil_moisture_too_low");

    /// <summary><c>soil_moisture_too_high</c>: soil moisture too high: the soil is too wet.</summary>
    public static InstructionKey SoilMoistureTooHigh { get; } = new("soil_moisture_too_high");

    /// <summary><c>soil_moisture_prediction</c>: soil moisture watering predicted.</summary>
    public static InstructionKey SoilMoisturePrediction { get; } = new("soil_moisture_prediction");

    /// <summary><c>automatic_watering_off</c>: automatic watering is off.</summary>
    public static InstructionKey AutomaticWateringOff { get; } = new("automatic_watering_off");

    /// <summary><c>automatic_watering_good</c>: automatic watering works.</summary>
    public static InstructionKey AutomaticWateringGood { get; } = new("automatic_watering_good");

    /// <summary><c>automatic_watering_check_system</c>: check the watering system.</summary>
    public static InstructionKey AutomaticWateringCheckSystem { get; } = new("automatic_watering_check_system");

    /// <summary><c>automatic_watering_unkwown_error</c>: unknown error (the server spells it so).</summary>
    public static InstructionKey AutomaticWateringUnkwownError { get; } = new("automatic_watering_unkwown_error");

    /// <summary><c>automatic_watering_in_air</c>: the pot is not in soil.</summary>
    public static InstructionKey AutomaticWateringInAir { get; } = new("automatic_watering_in_air");

    /// <summary><c>automatic_watering_reserve_empty</c>: the water reserve is empty.</summary>
    public static InstructionKey AutomaticWateringReserveEmpty { get; } = new("automatic_watering_reserve_empty");

    /// <summary>Whether this is one of the values the SDK knows.</summary>
    public bool IsKnown => Array.IndexOf(KnownValues, Value) >= 0;

    private static readonly string[] KnownValues = ["air_temperature_good", "air_temperature_too_low", "air_temperature_too_high", "air_temperature_soon_available", "air_temperature_no_plant", "light_good", "light_too_low", "light_too_high", "light_soon_available", "light_no_plant", "fertilizer_good", "fertilizer_too_low", "fertilizer_too_high", "fertilizer_unavailable", "fertilizer_not_measurable", "fertilizer_no_plant", "soil_moisture_good", "soil_moisture_too_low", "soil_moisture_too_high", "soil_moisture_prediction", "automatic_watering_off", "automatic_watering_good", "automatic_watering_check_system", "automatic_watering_unkwown_error", "automatic_watering_in_air", "automatic_watering_reserve_empty"];

    /// <summary>Wraps a wire value.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator InstructionKey(string value) => new(value);

    /// <summary>Compares two values by their wire text.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(InstructionKey left, InstructionKey right) => left.Equals(right);

    /// <summary>Compares two values by their wire text.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(InstructionKey left, InstructionKey right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(InstructionKey other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is InstructionKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The value as the server sent it.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
