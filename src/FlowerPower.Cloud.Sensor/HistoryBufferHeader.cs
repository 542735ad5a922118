namespace FlowerPower.Cloud.Sensor;

/// <summary>
/// The 16-byte header of a sensor's history buffer, as the public decoders read it (big-endian): bytes 2-3 the number
/// of entries, 4-7 the last entry's time in seconds since the sensor started, 8-9 the first entry's index, 10-11 the
/// last entry's index, 12-13 the session id and 14-15 the measure period in seconds. Bytes 0-1 are unknown.
/// </summary>
/// <remarks>The indexes are the low 16 bits of the sensor's 32-bit history index; <see cref="HistoryIndex"/> unwraps them.</remarks>
internal readonly record struct HistoryBufferHeader(
    ushort EntryCount, uint LastEntrySeconds, ushort FirstIndex, ushort LastIndex, ushort SessionId, ushort PeriodSeconds);
