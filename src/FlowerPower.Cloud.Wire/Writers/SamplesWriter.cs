using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace FlowerPower.Cloud.Wire.Writers;

/// <summary>
/// Writes <c>/sensor_data/v6/sample/location/{id}</c>, shaped after the real capture. The hot path of a server
/// serving long histories: names are written pre-encoded and times formatted in place, nothing allocated per sample.
/// </summary>
internal static class SamplesWriter
{
    private static readonly JsonEncodedText Capture = JsonEncodedText.Encode("capture_datetime_utc");
    private static readonly JsonEncodedText Light = JsonEncodedText.Encode("light");
    private static readonly JsonEncodedText Fertilizer = JsonEncodedText.Encode("fertilizer_level");
    private static readonly JsonEncodedText AirTemperature = JsonEncodedText.Encode("air_temperature_celsius");
    private static readonly JsonEncodedText SoilMoisture = JsonEncodedText.Encode("soil_moisture_percent");
    private static readonly JsonEncodedText Battery = JsonEncodedText.Encode("battery_percent");
    private static readonly JsonEncodedText WaterTank = JsonEncodedText.Encode("water_tank_level_percent");
    private static readonly JsonEncodedText Calibrated = JsonEncodedText.Encode("calibrated_soil_moisture_percent");
    private static readonly JsonEncodedText Watering = JsonEncodedText.Encode("watering_datetime_utc");

    /// <summary>Writes the answer as UTF-8 into <paramref name="output"/> (the response itself, when serving).</summary>
    public static void Write(IBufferWriter<byte> output, SampleWindow window, CloudVersions versions)
    {
        using var w = new Utf8JsonWriter(output);
        w.WriteStartObject();
        w.WriteStartArray("samples");
        foreach (var sample in window.Samples)
        {
            w.WriteStartObject();
            Time(w, Capture, sample.CaptureTime);
            Number(w, Light, sample.Light);
            Number(w, Fertilizer, sample.Fertilizer);
            Number(w, AirTemperature, sample.AirTemperature);
            Number(w, SoilMoisture, sample.SoilMoisture);
            Number(w, Battery, sample.Battery);
            w.WriteNumber(WaterTank, 0);
            Number(w, Calibrated, sample.CalibratedSoilMoisture);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("watering_events");
        foreach (var watering in window.Waterings)
        {
            w.WriteStartObject();
            Time(w, Watering, watering);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.Timestamp("first_not_definitive_value_datetime_utc", window.FirstNotDefinitive);
        w.Envelope(versions);
        w.WriteEndObject();
    }

    private static void Time(Utf8JsonWriter w, JsonEncodedText name, DateTimeOffset at)
    {
        Span<byte> text = stackalloc byte[20];
        at.UtcDateTime.TryFormat(text, out var written, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        w.WriteString(name, text[..written]);
    }

    private static void Number(Utf8JsonWriter w, JsonEncodedText name, double? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(name, number);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
