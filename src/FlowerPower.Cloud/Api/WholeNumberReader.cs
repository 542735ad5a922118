using System.Globalization;
using System.Text.Json;

namespace FlowerPower.Cloud.Api;

/// <summary>Reads a whole number sent as an integer, as a float with no fraction (12.0) or as a numeric string.</summary>
internal static class WholeNumberReader
{
    public static long Read(ref Utf8JsonReader reader, long min, long max)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var whole))
                {
                    return InRange(whole, min, max);
                }

                if (reader.TryGetDouble(out var number))
                {
                    return FromDouble(number, min, max);
                }

                break;
            case JsonTokenType.String:
                var text = reader.GetString();
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
                {
                    return InRange(parsed, min, max);
                }

                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsedNumber))
                {
                    return FromDouble(parsedNumber, min, max);
                }

                throw new JsonException($"Expected a whole number but found a string of {text?.Length ?? 0} characters that is not one.");
        }

        throw new JsonException($"Expected a whole number but found {reader.TokenType}.");
    }

    private static long FromDouble(double value, long min, long max)
    {
        if (double.IsFinite(value) && Math.Floor(value) == value && value >= min && value <= max)
        {
            return (long)value;
        }

        throw new JsonException(
            $"Expected a whole number between {min} and {max} but found {value.ToString(CultureInfo.InvariantCulture)}.");
    }

    private static long InRange(long value, long min, long max) =>
        value >= min && value <= max
            ? value
            : throw new JsonException($"The number {value} is outside the range {min} to {max}.");
}
