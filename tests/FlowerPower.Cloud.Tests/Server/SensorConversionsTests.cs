using FlowerPower.Cloud.Hosting.Uploads;
using FlowerPower.Cloud.Tests.TestSupport;

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
        var sample = SensorConversions.ToSample(DateTimeOffset.UnixEpoch, 7, new RawReadings(700, null, 300, 650, null, null));

        Assert.Null(sample.Sample.Light);
        Assert.Null(sample.Sample.SoilMoisture);
        Assert.Null(sample.Sample.Battery);
        Assert.Null(sample.Sample.Fertilizer);
        Assert.Equal(PublishedFits.Temperature(650), sample.SoilTemperature!.Value, 0.006);
        Assert.Equal(300, sample.Raw.SoilEc);
    }
}
