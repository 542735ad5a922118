namespace FlowerPower.Cloud.Emulator.Cloud.Uploads;

/// <summary>
/// A record to encode into a history buffer: a measurement (six raw values; <see cref="FirstIndex"/> on the first
/// measurement names the history index it starts from) or a session marker (<see cref="Values"/> null).
/// </summary>
internal sealed record HistoryRecord(ushort[]? Values, ushort SessionId = 0, ushort PeriodSeconds = 0, long FirstIndex = 0)
{
    public static HistoryRecord Measurement(ushort airTemperature, ushort light, ushort soilEc, ushort soilTemperature, ushort soilVwc, ushort battery, long firstIndex = 0) =>
        new([airTemperature, light, soilEc, soilTemperature, soilVwc, battery], FirstIndex: firstIndex);

    public static HistoryRecord Session(ushort sessionId, ushort periodSeconds) => new(null, sessionId, periodSeconds);
}
