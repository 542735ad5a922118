using System.Collections.Concurrent;
using FlowerPower.Cloud.Emulator.Cloud;

namespace FlowerPower.Cloud.Emulator.Garden;

/// <summary>
/// A garden that looks real and repeats for a given seed and start time: samples every 15 minutes with daily light
/// and temperature cycles, soil that dries and gets watered, fertilizer that decays, batteries that drain. Readings
/// are computed from the time, not stored, so months of history cost nothing.
/// </summary>
internal sealed class DemoGarden
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMinutes(15);

    private readonly int _seed;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, ConcurrentBag<DateTimeOffset>> _manualWaterings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _nicknames = new(StringComparer.Ordinal);
    private long _configChanges;
    private long _statusChanges;

    public DemoGarden(int seed, DateTimeOffset start, int historyDays, TimeProvider time)
    {
        _seed = seed;
        _time = time;
        Start = new DateTimeOffset(start.UtcTicks - (start.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        HistoryStart = Start.AddDays(-historyDays);
        var random = new Random(seed);
        Locations = CreatePlants(random);
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset HistoryStart { get; }

    public DateTimeOffset Now => _time.GetUtcNow();

    public IReadOnlyList<PlantSpec> Locations { get; }

    public long UserConfigVersion => 40 + Interlocked.Read(ref _configChanges);

    /// <summary>Grows with each new sample slot (the sensors upload as time passes) and with every change made.</summary>
    public long GardenStatusVersion => 120 + Math.Max(0, (Now - Start).Ticks / SampleInterval.Ticks) + Interlocked.Read(ref _statusChanges);

    public PlantSpec? Find(string locationIdentifier) =>
        Locations.FirstOrDefault(l => string.Equals(l.LocationIdentifier, locationIdentifier, StringComparison.Ordinal));

    public string NicknameOf(PlantSpec plant) => _nicknames.TryGetValue(plant.LocationIdentifier, out var name) ? name : plant.PlantNickname;

    public bool WaterPlant(string locationIdentifier)
    {
        if (Find(locationIdentifier) is null)
        {
            return false;
        }

        _manualWaterings.GetOrAdd(locationIdentifier, _ => []).Add(Now);
        Interlocked.Increment(ref _statusChanges);
        return true;
    }

    /// <summary>Notes a change of the garden's status (an upload), so its status version grows.</summary>
    public void RecordStatusChange() => Interlocked.Increment(ref _statusChanges);

    public bool RenamePlant(string locationIdentifier, string nickname)
    {
        if (Find(locationIdentifier) is null)
        {
            return false;
        }

        _nicknames[locationIdentifier] = nickname;
        Interlocked.Increment(ref _configChanges);
        return true;
    }

    /// <summary>The first capture time of a location's history.</summary>
    public DateTimeOffset FirstSample(PlantSpec plant) => HistoryStart.AddSeconds(plant.SampleOffsetSeconds);

    /// <summary>Until when a location has samples: now, or the day its sensor was removed.</summary>
    public DateTimeOffset SamplesEnd(PlantSpec plant) =>
        plant.SensorRemovedDaysAgo is double days ? Min(Start.AddDays(-days), Now) : Now;

    public DateTimeOffset? LastSample(PlantSpec plant)
    {
        var first = FirstSample(plant);
        var end = SamplesEnd(plant);
        return end < first ? null : first + (SampleInterval * Math.Floor((end - first) / SampleInterval));
    }

    public long SampleCount(PlantSpec plant) =>
        LastSample(plant) is { } last ? ((last - FirstSample(plant)).Ticks / SampleInterval.Ticks) + 1 : 0;

    public IEnumerable<CloudSample> Samples(PlantSpec plant, DateTimeOffset from, DateTimeOffset to)
    {
        var first = FirstSample(plant);
        var last = LastSample(plant);
        if (last is null)
        {
            yield break;
        }

        var end = Min(to, last.Value);
        var steps = Math.Max(0, Math.Ceiling((from - first) / SampleInterval));
        for (var at = first + (SampleInterval * steps); at <= end; at += SampleInterval)
        {
            yield return At(plant, at);
        }
    }

    public IEnumerable<DateTimeOffset> Waterings(PlantSpec plant, DateTimeOffset from, DateTimeOffset to)
    {
        var scheduled = new List<DateTimeOffset>();
        var anchor = Start.AddDays(-plant.DaysSinceWatering);
        var period = TimeSpan.FromDays(plant.WateringEveryDays);
        var n = Math.Floor((from - anchor) / period);
        for (var at = anchor + (period * n); at <= to; at += period)
        {
            if (at >= from && at >= HistoryStart && at <= SamplesEnd(plant))
            {
                scheduled.Add(at);
            }
        }

        if (_manualWaterings.TryGetValue(plant.LocationIdentifier, out var manual))
        {
            scheduled.AddRange(manual.Where(m => m >= from && m <= to));
        }

        return scheduled.Order();
    }

    public CloudSample At(PlantSpec plant, DateTimeOffset at)
    {
        var k = (long)((at - HistoryStart).Ticks / SampleInterval.Ticks);
        var hour = at.UtcDateTime.TimeOfDay.TotalHours;

        var daylight = Math.Max(0, Math.Sin(Math.PI * (hour - 6) / 12));
        var light = Math.Max(0.1, (plant.LightPeak * daylight) * (1 + (0.1 * Noise(plant, 1, k))));

        var temperature = plant.TemperatureMean + (plant.TemperatureSwing * Math.Cos(2 * Math.PI * (hour - 15) / 24)) + (0.3 * Noise(plant, 2, k));

        var sinceWatering = (at - LastWatering(plant, at)).TotalDays;
        var moisture = Math.Max(4, 45 - (plant.DryingPerDay * sinceWatering) + (0.3 * Noise(plant, 3, k)));

        var fertilizePeriod = plant.FertilizeEveryDays;
        var sinceFertilizing = Modulo((at - Start).TotalDays + plant.DaysSinceFertilizing, fertilizePeriod);
        var fertilizer = 0.3 + (2.2 * Math.Exp(-sinceFertilizing / 40)) + (0.02 * Noise(plant, 4, k));

        var battery = plant.BatteryAtStart - (plant.BatteryDrainPerDay * (at - Start).TotalDays);

        return new CloudSample(
            at,
            Math.Round(light, 2),
            Math.Round(Math.Max(0, fertilizer), 2),
            Math.Round(temperature, 2),
            Math.Round(moisture, 2),
            Math.Round(moisture * 1.3, 2),
            (int)Math.Clamp(Math.Round(battery), 0, 100));
    }

    public DateTimeOffset LastWatering(PlantSpec plant, DateTimeOffset at)
    {
        var anchor = Start.AddDays(-plant.DaysSinceWatering);
        var period = TimeSpan.FromDays(plant.WateringEveryDays);
        var scheduled = anchor + (period * Math.Floor((at - anchor) / period));
        if (_manualWaterings.TryGetValue(plant.LocationIdentifier, out var manual))
        {
            foreach (var m in manual)
            {
                if (m <= at && m > scheduled)
                {
                    scheduled = m;
                }
            }
        }

        return scheduled;
    }

    private double Noise(PlantSpec plant, int channel, long k)
    {
        var x = unchecked((ulong)_seed * 0x9E3779B97F4A7C15UL ^ ((ulong)plant.Index << 48) ^ ((ulong)channel << 40) ^ (ulong)k);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return ((x >> 11) * (1.0 / (1UL << 53)) * 2) - 1;
    }

    private static double Modulo(double value, double period) => ((value % period) + period) % period;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static List<PlantSpec> CreatePlants(Random random)
    {
        string Identifier(int index)
        {
            const string letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
            var chars = new char[10];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = letters[random.Next(letters.Length)];
            }

            // Shaped like the cloud's identifiers: ten letters and the creation time in milliseconds.
            return new string(chars) + (1539530459586L + (index * 420_000L) + random.Next(1000));
        }

        string Serial() => $"PI04{random.Next(0, 99999):D5}AD5{(char)('A' + random.Next(26))}{random.Next(100000, 999999)}";

        string SensorName(string serial) => "Flower power " + serial[^4..];

        var serials = Enumerable.Range(0, 5).Select(_ => Serial()).ToArray();
        return
        [
            new PlantSpec
            {
                Index = 0, LocationIdentifier = Identifier(0), PlantNickname = "Monstera (living room)", PlantId = 2518,
                SensorSerial = serials[0], SensorName = SensorName(serials[0]), Color = 6, Latitude = 47.5, Longitude = 19.04,
                LightPeak = 60, DaysSinceWatering = 2, WateringEveryDays = 6, DaysSinceFertilizing = 10, BatteryAtStart = 76,
                SampleOffsetSeconds = 201,
            },
            new PlantSpec
            {
                Index = 1, LocationIdentifier = Identifier(1), PlantNickname = "Basil (kitchen window)", PlantId = 1022,
                SensorSerial = serials[1], SensorName = SensorName(serials[1]), Color = 7, Latitude = 47.5, Longitude = 19.04,
                LightPeak = 70, MoistureMin = 20, DaysSinceWatering = 12, WateringEveryDays = 30, DryingPerDay = 3.2,
                DaysSinceFertilizing = 30, BatteryAtStart = 64, SampleOffsetSeconds = 433,
            },
            new PlantSpec
            {
                Index = 2, LocationIdentifier = Identifier(2), PlantNickname = "Fern (hallway)", PlantId = 3307,
                SensorSerial = serials[2], SensorName = SensorName(serials[2]), Color = 4,
                LightPeak = 9, LightMin = 8, DaysSinceWatering = 1, WateringEveryDays = 5, BatteryAtStart = 58,
                SampleOffsetSeconds = 617,
            },
            new PlantSpec
            {
                Index = 3, LocationIdentifier = Identifier(3), PlantNickname = "Tomatoes (balcony)", PlantId = 712,
                SensorSerial = serials[3], SensorName = SensorName(serials[3]), Color = 6, IsIndoor = false, Latitude = 47.51, Longitude = 19.05,
                LightPeak = 80, TemperatureMean = 18, TemperatureSwing = 6, TemperatureMin = 8, DaysSinceWatering = 1, WateringEveryDays = 3,
                DryingPerDay = 6, BatteryAtStart = 8, BatteryDrainPerDay = 0.3, SampleOffsetSeconds = 89,
            },
            new PlantSpec
            {
                Index = 4, LocationIdentifier = Identifier(4), PlantNickname = "Lemon tree (sensor removed)", PlantId = null,
                HasSensor = false, SensorSerial = serials[4], SensorName = SensorName(serials[4]), IsIndoor = false,
                SensorRemovedDaysAgo = 40, DaysSinceWatering = 3, WateringEveryDays = 7, SampleOffsetSeconds = 1337,
            },
        ];
    }
}
