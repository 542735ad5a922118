using System.Globalization;

namespace FlowerPower.Cloud.Samples;

/// <summary>What a plant's history says at a glance.</summary>
internal sealed class HistorySummary
{
    private readonly List<double> _light = [];
    private int _count;
    private double _minMoisture = double.MaxValue;
    private double _maxMoisture = double.MinValue;
    private double _temperatureSum;
    private int _temperatureCount;

    public void Add(Sample sample)
    {
        _count++;
        if (sample.SoilMoisturePercent is double moisture)
        {
            _minMoisture = Math.Min(_minMoisture, moisture);
            _maxMoisture = Math.Max(_maxMoisture, moisture);
        }

        if (sample.AirTemperatureCelsius is double temperature)
        {
            _temperatureSum += temperature;
            _temperatureCount++;
        }

        if (sample.Light is double light)
        {
            _light.Add(light);
        }
    }

    public string Describe(UserProfile? profile) => _count == 0
        ? "no samples"
        : string.Create(CultureInfo.InvariantCulture, $"{_count} samples, soil moisture {_minMoisture:0} to {_maxMoisture:0} %, ")
          + $"mean temperature {(_temperatureCount == 0 ? "—" : FlowerPowerUnits.FormatTemperature(_temperatureSum / _temperatureCount, profile))}, "
          + $"mean light {(_light.Count == 0 ? "—" : FlowerPowerUnits.FormatLight(_light.Average(), profile))}";
}
