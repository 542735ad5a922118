namespace FlowerPower.Cloud.Emulator.Cloud.Uploads;

/// <summary>
/// One measuring session of a sensor as the bridge reports it (<c>session_histories[]</c>): from the history index
/// <see cref="SessionStartIndex"/> on, the sensor measured every <see cref="PeriodSeconds"/>, starting at
/// <see cref="StartupUtc"/>.
/// </summary>
internal sealed record SessionHistory(string SensorSerial, DateTimeOffset StartupUtc, int SessionId, long SessionStartIndex, int PeriodSeconds)
{
    /// <summary>When the entry with history index <paramref name="index"/> was measured.</summary>
    public DateTimeOffset TimeOf(long index) => StartupUtc.AddSeconds((index - SessionStartIndex) * (double)PeriodSeconds);
}
