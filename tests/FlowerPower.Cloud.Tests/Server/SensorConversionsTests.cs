using FlowerPower.Cloud.Sensor;
using FlowerPower.Cloud.Tests.TestSupport;
using FlowerPower.Cloud.Wire.Uploads;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// The conversions from raw readings are the published formulas (written again in the test from wire-facts), agree
/// with BuBuaBu's independent fits where the sources say they do, and hold every one of the 65,536 possible readings
/// to the wire's range: no infinity, no NaN.
/// </summary>
public sealed class SensorConversionsTests
{
    [Theory]
    [InlineData(300)]
    [InlineData(650)]
    [InlineData(1000)]
    [InlineData(1500)]
    [InlineData(2500)]
    public void Each_conversion_is_the_published_formula_rounded(int raw)
    {
        Assert.Equal(PublishedFits.Temperature(raw), SensorConversions.TemperatureCelsius(raw)!.Value, 0.006);
        Assert.Equal(PublishedFits.Light(raw), SensorConversions.LightMolPerSquareMeterDay(raw)!.Value, 0.006);
        Assert.Equal(PublishedFits.SoilMoisture(raw), SensorConversions.SoilMoisturePercent(raw)!.Value, 0.006);
        Assert.Equal(PublishedFits.Battery(raw), SensorConversions.BatteryPercent(raw)!.Value, 0.06);
    }

    /// <summary>
    /// Golden values, not the formulas again: computed once with a second implementation (Python 3's floats, from
    /// wire-facts' formulas as printed), several per measure across the range a sensor reads, including each clamp.
    /// </summary>
    [Theory]
    [InlineData("temperature", 300, -2.3923)]
    [InlineData("temperature", 650, 18.634)]
    [InlineData("temperature", 1000, 34.51)]
    [InlineData("temperature", 2500, 55)]
    [InlineData("light", 300, 39.2801)]
    [InlineData("light", 650, 17.2986)]
    [InlineData("light", 1000, 10.954)]
    [InlineData("light", 2500, 4.1447)]
    [InlineData("moisture", 200, 0)]
    [InlineData("moisture", 250, 4.532)]
    [InlineData("moisture", 350, 16.831)]
    [InlineData("moisture", 450, 28.6066)]
    [InlineData("moisture", 1000, 60)]
    [InlineData("battery", 620, 0.2905)]
    [InlineData("battery", 700, 23.213)]
    [InlineData("battery", 900, 80.5191)]
    [InlineData("battery", 1000, 100)]
    public void Each_conversion_gives_the_golden_value_an_independent_implementation_computed(string measure, int raw, double golden)
    {
        var (converted, tolerance) = measure switch
        {
            "temperature" => (SensorConversions.TemperatureCelsius(raw), 0.006),
            "light" => (SensorConversions.LightMolPerSquareMeterDay(raw), 0.006),
            "moisture" => (SensorConversions.SoilMoisturePercent(raw), 0.006),
            _ => (SensorConversions.BatteryPercent(raw), 0.06),
        };

        Assert.Equal(golden, converted!.Value, tolerance);
    }

    [Fact]
    public void Parrots_fits_agree_with_BuBuaBus_independent_fits_within_their_stated_agreement()
    {
        // wire-facts: "within about 1 °C and 1% on light (x = 1000: 10.95 against 10.92 mol/m²/day)".
        Assert.Equal(10.95, SensorConversions.LightMolPerSquareMeterDay(1000)!.Value, 0.006);
        Assert.Equal(10.92, PublishedFits.LinearLight(1000), 0.006);
        Assert.InRange(SensorConversions.LightMolPerSquareMeterDay(1000)!.Value / PublishedFits.LinearLight(1000), 0.99, 1.01);
        for (var raw = 600; raw <= 800; raw += 10)
        {
            Assert.InRange(SensorConversions.TemperatureCelsius(raw)!.Value - PublishedFits.LinearTemperature(raw), -1.2, 1.2);
        }
    }

    [Fact]
    public void A_light_reading_of_0_is_the_top_of_the_range_not_infinity()
    {
        Assert.Equal(104, SensorConversions.LightMolPerSquareMeterDay(0));
        Assert.Equal(104, SensorConversions.LightMolPerSquareMeterDay(1));
    }

    [Fact]
    public void Every_possible_reading_converts_to_a_finite_value_inside_the_wires_range()
    {
        for (var raw = 0; raw <= ushort.MaxValue; raw++)
        {
            Assert.InRange(SensorConversions.TemperatureCelsius(raw)!.Value, -10, 55);
            Assert.InRange(SensorConversions.LightMolPerSquareMeterDay(raw)!.Value, 0, 104);
            Assert.InRange(SensorConversions.SoilMoisturePercent(raw)!.Value, 0, 60);
            Assert.InRange(SensorConversions.BatteryPercent(raw)!.Value, 0, 100);
        }
    }

    [Fact]
    public void A_reading_a_source_does_not_carry_stays_unknown_and_soil_ec_is_never_converted()
    {
        var sample = UploadedSample.From(DateTimeOffset.UnixEpoch, 7, new RawReadings(700, null, 300, 650, null, null));

        Assert.Null(sample.Sample.Light);
        Assert.Null(sample.Sample.SoilMoisture);
        Assert.Null(sample.Sample.Battery);
        Assert.Null(sample.Sample.Fertilizer);
        Assert.Equal(PublishedFits.Temperature(650), sample.SoilTemperature!.Value, 0.006);
        Assert.Equal(300, sample.Raw.SoilEc);
    }
}
