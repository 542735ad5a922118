using System.Collections.Concurrent;
using FlowerPower.Cloud.Wire;

namespace FlowerPower.Cloud.Emulator.Garden;

/// <summary>
/// A garden that looks real and repeats for a given seed and start time: samples every 15 minutes under the sun of
/// Budapest (the demo profile's time zone), with the seasons and the day's length; indoor plants get the share of
/// daylight their window lets in, the balcony gets the weather (clouds, warm and cold spells, colder nights); soil
/// dries along a curve that slows as it gets dry and is watered on schedule (and when asked), fertilizer decays,
/// batteries drain. Readings are computed from the time, not stored, so months of history cost nothing.
/// </summary>
internal sealed class DemoGarden
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMinutes(15);

    /// <summary>The demo profile's time zone, where the sun and the weather are.</summary>
    public static readonly TimeZoneInfo Budapest = FindBudapest();

    /// <summary>The sky over the whole garden: one for every plant, so they share their clouds.</summary>
    private static readonly PlantSpec Sky = new() { Index = 99, LocationIdentifier = "sky", PlantNickname = "sky" };

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

    /// <summary>Records a watering a bridge reported (a status update), at the time it names; the soil is wet from then on.</summary>
    public void RecordWatering(string locationIdentifier, DateTimeOffset at) => _manualWaterings.GetOrAdd(locationIdentifier, _ => []).Add(at);

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
        var light = Math.Clamp(Daylight(at) * (plant.IsIndoor ? plant.WindowFactor : 1) * (1 + (0.05 * Noise(plant, 1, k))), 0.1, 104);
        var temperature = (plant.IsIndoor ? IndoorTemperature(plant, at) : OutdoorTemperature(at)) + (0.2 * Noise(plant, 2, k));
        var moisture = Moisture(plant, at) + (0.3 * Noise(plant, 3, k));

        var fertilizePeriod = plant.FertilizeEveryDays;
        var sinceFertilizing = Modulo((at - Start).TotalDays + plant.DaysSinceFertilizing, fertilizePeriod);
        var fertilizer = 0.3 + (2.2 * Math.Exp(-sinceFertilizing / 40)) + (0.02 * Noise(plant, 4, k));

        var battery = plant.BatteryAtStart - (plant.BatteryDrainPerDay * (at - Start).TotalDays);

        return new CloudSample(
            at,
            Math.Round(light, 2),
            Math.Round(Math.Max(0, fertilizer), 2),
            Math.Round(temperature, 2),
            Math.Round(Math.Clamp(moisture, 0, 50), 2),
            Math.Round(Math.Clamp(moisture * 1.3, 0, 60), 2),
            (int)Math.Clamp(Math.Round(battery), 0, 100));
    }

    /// <summary>How many percent of moisture the soil loses a day at <paramref name="at"/>: the slope of its curve.</summary>
    public double DryingRate(PlantSpec plant, DateTimeOffset at) => (Moisture(plant, at) - plant.DrySoil) / plant.DryingDays;

    /// <summary>
    /// Light outdoors as the wire gives it (the instant's photon flux as a daily integral, mol/m²/day): the sun's
    /// height at Budapest for the day of the year and the hour, under the day's clouds.
    /// </summary>
    private double Daylight(DateTimeOffset at)
    {
        const double Latitude = 47.5 * Math.PI / 180;
        const double Longitude = 19.04;
        var utc = at.UtcDateTime;
        var day = utc.DayOfYear + (utc.TimeOfDay.TotalHours / 24);
        var declination = 23.44 * Math.PI / 180 * Math.Sin(2 * Math.PI * (284 + day) / 365);
        var hourAngle = (utc.TimeOfDay.TotalHours + (Longitude / 15) - 12) * 15 * Math.PI / 180;
        var elevation = (Math.Sin(Latitude) * Math.Sin(declination)) + (Math.Cos(Latitude) * Math.Cos(declination) * Math.Cos(hourAngle));
        if (elevation <= 0)
        {
            return 0;
        }

        var clearSky = 1500 * Math.Pow(elevation, 1.25);
        return clearSky * Weather(at, 5, 0.35, 0.9) / 11.574;
    }

    /// <summary>A room: warmer in the afternoon and in summer, never far from its mean.</summary>
    private static double IndoorTemperature(PlantSpec plant, DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Budapest);
        return plant.TemperatureMean
               + (1.2 * Math.Cos(2 * Math.PI * (local.TimeOfDay.TotalHours - 16) / 24))
               + (1.5 * Math.Cos(2 * Math.PI * (local.DayOfYear - 200) / 365));
    }

    /// <summary>Budapest's weather: the season's mean, a day's swing that clear skies widen, and warm or cold spells of a few days.</summary>
    private double OutdoorTemperature(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Budapest);
        var season = 11.5 + (11.5 * Math.Cos(2 * Math.PI * (local.DayOfYear - 200) / 365));
        var clear = Weather(at, 5, 0, 1);
        var swing = 3 + (4 * clear);
        var spell = (Weather(at, 6, 0, 1) - 0.5) * 8;
        return season + (swing * Math.Cos(2 * Math.PI * (local.TimeOfDay.TotalHours - 15) / 24)) + spell;
    }

    /// <summary>The soil since its last watering: from wet toward dry along e^(-t/days).</summary>
    private double Moisture(PlantSpec plant, DateTimeOffset at)
    {
        var days = Math.Max(0, (at - LastWatering(plant, at)).TotalDays);
        return plant.DrySoil + ((plant.WetSoil - plant.DrySoil) * Math.Exp(-days / plant.DryingDays));
    }

    /// <summary>A day-by-day quantity in [low, high] (cloud cover, a warm spell) that changes smoothly through the day.</summary>
    private double Weather(DateTimeOffset at, int channel, double low, double high)
    {
        var days = (at - DateTimeOffset.UnixEpoch).TotalDays;
        var day = (long)Math.Floor(days);
        var t = days - day;
        var smooth = t * t * (3 - (2 * t));
        var today = (Noise(Sky, channel, day) + 1) / 2;
        var tomorrow = (Noise(Sky, channel, day + 1) + 1) / 2;
        return low + ((high - low) * (today + ((tomorrow - today) * smooth)));
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

    private static TimeZoneInfo FindBudapest()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Budapest");
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Europe/Budapest", TimeSpan.FromHours(1), "Budapest", "Budapest");
        }
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
                WindowFactor = 0.45, Thresholds = new() { LightMin = 0.5, LightMax = 20 }, DaysSinceWatering = 2, WateringEveryDays = 6, DryingDays = 9,
                DaysSinceFertilizing = 10, BatteryAtStart = 76,
                SampleOffsetSeconds = 201,
            },
            new PlantSpec
            {
                Index = 1, LocationIdentifier = Identifier(1), PlantNickname = "Basil (kitchen window)", PlantId = 1022,
                SensorSerial = serials[1], SensorName = SensorName(serials[1]), Color = 7, Latitude = 47.5, Longitude = 19.04,
                WindowFactor = 0.5, Thresholds = new() { LightMin = 1, LightMax = 40, MoistureMin = 20 }, DaysSinceWatering = 12, WateringEveryDays = 30, DryingDays = 4,
                DaysSinceFertilizing = 30, BatteryAtStart = 64, SampleOffsetSeconds = 433,
            },
            new PlantSpec
            {
                Index = 2, LocationIdentifier = Identifier(2), PlantNickname = "Fern (hallway)", PlantId = 3307,
                SensorSerial = serials[2], SensorName = SensorName(serials[2]), Color = 4,
                WindowFactor = 0.05, Thresholds = new() { LightMin = 3, LightMax = 20 }, DaysSinceWatering = 1, WateringEveryDays = 5, DryingDays = 10, TemperatureMean = 19,
                BatteryAtStart = 58,
                SampleOffsetSeconds = 617,
            },
            new PlantSpec
            {
                Index = 3, LocationIdentifier = Identifier(3), PlantNickname = "Tomatoes (balcony)", PlantId = 712,
                SensorSerial = serials[3], SensorName = SensorName(serials[3]), Color = 6, IsIndoor = false, Latitude = 47.51, Longitude = 19.05,
                WindowFactor = 1, Thresholds = new() { LightMin = 5, LightMax = 104, TemperatureMin = 8, TemperatureMax = 35 }, DaysSinceWatering = 1, WateringEveryDays = 3,
                DryingDays = 2.5, BatteryAtStart = 8, BatteryDrainPerDay = 0.3, SampleOffsetSeconds = 89,
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
