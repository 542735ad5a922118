using System.Buffers.Binary;

namespace FlowerPower.Cloud.Emulator.Cloud.Uploads;

/// <summary>
/// Decodes a Flower Power history buffer by its publicly reverse-engineered layout, all big-endian: a 16-byte header
/// (bytes 2-3 the number of 12-byte records, 4-7 the last entry's timestamp in sensor time, 8-11 the last entry's
/// history index, 12-13 the session id, 14-15 the session's period in seconds), then the records. A record starting
/// 0x8000 opens a new session (bytes 2-3 its id, 4-5 its period) and is no measurement; every other record is one
/// measurement: raw air temperature (bytes 0-1), light (2-3), soil EC (4-5), soil temperature (6-7), soil VWC (8-9)
/// and battery (10-11). Measurements are numbered so that the last one has the header's last index.
/// </summary>
internal static class HistoryBuffer
{
    public const int HeaderLength = 16;
    public const int RecordLength = 12;
    private const ushort SessionMarker = 0x8000;

    /// <summary>Decodes <paramref name="buffer"/>; false with a reason when it does not follow the layout.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> buffer, out List<HistoryEntry> entries, out string problem)
    {
        entries = [];
        problem = string.Empty;
        if (buffer.Length < HeaderLength)
        {
            problem = $"the history buffer holds {buffer.Length} bytes, fewer than its 16-byte header";
            return false;
        }

        var records = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        var lastIndex = BinaryPrimitives.ReadUInt32BigEndian(buffer[8..]);
        var session = (int)BinaryPrimitives.ReadUInt16BigEndian(buffer[12..]);
        if (buffer.Length != HeaderLength + (records * RecordLength))
        {
            problem = $"the history buffer's header announces {records} records of 12 bytes but {buffer.Length - HeaderLength} bytes follow it";
            return false;
        }

        var measured = new List<(int Session, int Offset)>(records);
        for (var offset = HeaderLength; offset < buffer.Length; offset += RecordLength)
        {
            var record = buffer.Slice(offset, RecordLength);
            if (BinaryPrimitives.ReadUInt16BigEndian(record) == SessionMarker)
            {
                session = BinaryPrimitives.ReadUInt16BigEndian(record[2..]);
                continue;
            }

            measured.Add((session, offset));
        }

        if (measured.Count > lastIndex + 1)
        {
            problem = $"the history buffer holds {measured.Count} measurements but its last index is {lastIndex}";
            return false;
        }

        var first = (long)lastIndex - measured.Count + 1;
        for (var i = 0; i < measured.Count; i++)
        {
            var record = buffer.Slice(measured[i].Offset, RecordLength);
            entries.Add(new HistoryEntry(
                first + i,
                measured[i].Session,
                BinaryPrimitives.ReadUInt16BigEndian(record),
                BinaryPrimitives.ReadUInt16BigEndian(record[2..]),
                BinaryPrimitives.ReadUInt16BigEndian(record[4..]),
                BinaryPrimitives.ReadUInt16BigEndian(record[6..]),
                BinaryPrimitives.ReadUInt16BigEndian(record[8..]),
                BinaryPrimitives.ReadUInt16BigEndian(record[10..])));
        }

        return true;
    }

    /// <summary>Writes a buffer in the same layout: for tests, tools and the emulator's own sensors.</summary>
    /// <param name="lastTimestamp">The last entry's time in sensor seconds.</param>
    /// <param name="firstSession">The session the first records belong to.</param>
    /// <param name="firstPeriod">Its period in seconds.</param>
    /// <param name="records">Measurements (six raw values) and session markers (a session id and period), in order.</param>
    public static byte[] Encode(uint lastTimestamp, ushort firstSession, ushort firstPeriod, IReadOnlyList<HistoryRecord> records)
    {
        var buffer = new byte[HeaderLength + (records.Count * RecordLength)];
        var measurements = records.Count(r => r.Values is not null);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), (ushort)records.Count);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), lastTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(8), (uint)(records.FirstOrDefault(r => r.Values is not null)?.FirstIndex + measurements - 1 ?? 0));
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(12), firstSession);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(14), firstPeriod);
        for (var i = 0; i < records.Count; i++)
        {
            var record = buffer.AsSpan(HeaderLength + (i * RecordLength), RecordLength);
            if (records[i].Values is { } values)
            {
                for (var v = 0; v < 6; v++)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(record[(v * 2)..], values[v]);
                }
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(record, SessionMarker);
                BinaryPrimitives.WriteUInt16BigEndian(record[2..], records[i].SessionId);
                BinaryPrimitives.WriteUInt16BigEndian(record[4..], records[i].PeriodSeconds);
            }
        }

        return buffer;
    }
}
