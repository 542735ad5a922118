namespace FlowerPower.Cloud.Tests.GardenView;

/// <summary>The conversions of wire-facts.md, against values worked out by hand.</summary>
public sealed class UnitsTests
{
    [Theory]
    [InlineData(1, 624.2, 11.574, 57.99)]
    [InlineData(20, 12484, 231.48, 1159.79)]
    [InlineData(0, 0, 0, 0)]
    public void Light_converts_with_the_published_factors(double mol, double lux, double ppfd, double footCandles)
    {
        Assert.Equal(lux, FlowerPowerUnits.LightToLux(mol), 6);
        Assert.Equal(ppfd, FlowerPowerUnits.LightToMicromolesPerSquareMeterPerSecond(mol), 6);
        Assert.Equal(footCandles, FlowerPowerUnits.LightToFootCandles(mol), 2);
        Assert.Equal(mol, FlowerPowerUnits.LuxToLight(FlowerPowerUnits.LightToLux(mol)), 9);
    }

    [Theory]
    [InlineData(0, 32)]
    [InlineData(100, 212)]
    [InlineData(-40, -40)]
    [InlineData(21.5, 70.7)]
    public void Temperatures_convert_both_ways(double celsius, double fahrenheit)
    {
        Assert.Equal(fahrenheit, FlowerPowerUnits.CelsiusToFahrenheit(celsius), 9);
        Assert.Equal(celsius, FlowerPowerUnits.FahrenheitToCelsius(fahrenheit), 9);
    }

    [Fact]
    public void Formatting_follows_the_profiles_preferences()
    {
        var metric = new UserProfile { UseLux = true, UseFahrenheit = false };
        var imperial = new UserProfile { UseFtc = true, UseFahrenheit = true };
        var scientist = new UserProfile { UseMol = true };

        Assert.Equal("12,484 lux", FlowerPowerUnits.FormatLight(20, metric));
        Assert.Equal("1,160 fc", FlowerPowerUnits.FormatLight(20, imperial));
        Assert.Equal("20.0 mol/m²/day", FlowerPowerUnits.FormatLight(20, scientist));
        Assert.Equal("12,484 lux", FlowerPowerUnits.FormatLight(20, null));
        Assert.Equal("21.5 °C", FlowerPowerUnits.FormatTemperature(21.5, metric));
        Assert.Equal("70.7 °F", FlowerPowerUnits.FormatTemperature(21.5, imperial));
    }
}
