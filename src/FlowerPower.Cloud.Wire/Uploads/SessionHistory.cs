namespace FlowerPower.Cloud.Wire.Uploads;

/// <summary>
/// One measuring session of a sensor as the bridge reports it (<c>session_histories[]</c>): the sensor started at
/// <see cref="StartupUtc"/>, its history index was then <see cref="SessionStartIndex"/> (32 bits), and it measured every
/// <see cref="PeriodSeconds"/>.
/// </summary>
internal sealed record SessionHistory(string SensorSerial, DateTimeOffset StartupUtc, int SessionId, long SessionStartIndex, int PeriodSeconds)
{
    /// <summary>
    /// When an entry of this session's buffer was measured: the sensor's startup + the last entry's time -
    /// <paramref name="entriesBeforeLast"/> × the buffer's period (wire-facts, "The sensor's history buffer").
    /// </summary>
    public DateTimeOffset TimeOf(uint lastEntrySeconds, long entriesBeforeLast, int periodSeconds) =>
        StartupUtc.AddSeconds(lastEntrySeconds - ((double)entriesBeforeLast * periodSeconds));
}
