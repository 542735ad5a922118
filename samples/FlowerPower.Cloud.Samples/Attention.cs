using FlowerPower.Cloud;

namespace FlowerPower.Cloud.Samples;

/// <summary>Turns the garden status into what a plant owner should do now, as the mobile app's alerts did.</summary>
internal static class Attention
{
    public const double LowBatteryPercent = 15;

    public static IEnumerable<string> For(LocationStatus status)
    {
        foreach (var key in new[] { status.Watering?.InstructionKey, status.Light?.InstructionKey, status.AirTemperature?.InstructionKey, status.Fertilizer?.InstructionKey })
        {
            if (key is { } instruction && Describe(instruction) is { } advice)
            {
                yield return advice;
            }
        }

        if (status.Battery?.GaugeValues?.CurrentValue is double battery && battery < LowBatteryPercent)
        {
            yield return $"battery low ({battery:0} %): replace the sensor's battery";
        }
    }

    private static string? Describe(InstructionKey key) => key.Value switch
    {
        "soil_moisture_too_low" => "water now: the soil is too dry",
        "soil_moisture_too_high" => "let the soil dry: it is too wet",
        "soil_moisture_prediction" => "water soon",
        "light_too_low" => "too little light: move it somewhere brighter",
        "light_too_high" => "too much light: give it some shade",
        "air_temperature_too_low" => "too cold",
        "air_temperature_too_high" => "too hot",
        "fertilizer_too_low" => "feed it: fertilizer is low",
        "fertilizer_too_high" => "too much fertilizer: flush the soil",
        _ => null,
    };
}
