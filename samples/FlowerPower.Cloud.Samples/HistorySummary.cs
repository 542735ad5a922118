using FlowerPower.Cloud;

namespace FlowerPower.Cloud.Samples;

/// <summary>What a month of one plant's samples says at a glance.</summary>
internal sealed class HistorySummary
{
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
    }

    public string ToString(UnitFormatter units) => _count == 0
        ? "no samples"
        : $"{_count} samples, soil moisture {UnitFormatter.Percent(_minMoisture)} to {UnitFormatter.Percent(_maxMoisture)}, " +
          $"mean temperature {units.Temperature(_temperatureCount == 0 ? null : _temperatureSum / _temperatureCount)}";
}
