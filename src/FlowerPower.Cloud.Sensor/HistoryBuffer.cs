using System.Buffers.Binary;

namespace FlowerPower.Cloud.Sensor;

/// <summary>
/// A sensor's history buffer, as the bridge uploads it in <c>buffer_base64</c>, in the layout three independent public
/// decoders agree on (Parrot's <c>node-flower-power</c>, BuBuaBu's <c>flower-power-history</c> and ROMI's
/// <c>flower-power-history</c>; wire-facts, "The sensor's history buffer"): a <see cref="HistoryBufferHeader"/>, then
/// one 12-byte entry per index from the first to the last, each six big-endian u16 readings. There is no session
/// marker record.
/// </summary>
internal static class HistoryBuffer
{
    public const int HeaderLength = 16;
    public const int EntryLength = 12;

    /// <summary>
    /// Reads <paramref name="buffer"/>'s header and entries; false with a reason, in the user's terms, when it does not
    /// follow the layout: shorter than its header, a length that is not the header's entry count of entries, a count
    /// that does not span the first to the last index, or a period of 0.
    /// </summary>
    /// <remarks>
    /// A first index after the last is refused, except where the entry count says the sensor's 16-bit index wrapped
    /// between them (first 65,530, last 4 and 11 entries): that buffer is whole, and refusing it would lose it for good.
    /// </remarks>
    public static bool TryDecode(ReadOnlySpan<byte> buffer, out HistoryBufferHeader header, out List<RawReadings> entries, out string problem)
    {
        header = default;
        entries = [];
        problem = string.Empty;
        if (buffer.Length < HeaderLength)
        {
            problem = $"the history buffer holds {buffer.Length} bytes, fewer than its 16-byte header";
            return false;
        }

        header = new HistoryBufferHeader(
            BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(buffer[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(buffer[8..]),
            BinaryPrimitives.ReadUInt16BigEndian(buffer[10..]),
            BinaryPrimitives.ReadUInt16BigEndian(buffer[12..]),
            BinaryPrimitives.ReadUInt16BigEndian(buffer[14..]));
        if (buffer.Length != HeaderLength + (header.EntryCount * EntryLength))
        {
            problem = $"the history buffer's header announces {header.EntryCount} entries of 12 bytes but {buffer.Length - HeaderLength} bytes follow it";
            return false;
        }

        if (header.PeriodSeconds == 0)
        {
            problem = "the history buffer's measure period is 0 seconds";
            return false;
        }

        if (header.EntryCount > 0 && Span(header) != header.EntryCount)
        {
            problem = header.FirstIndex > header.LastIndex
                ? $"the history buffer's first index {header.FirstIndex} is after its last index {header.LastIndex}"
                : $"the history buffer's header announces {header.EntryCount} entries but indexes {header.FirstIndex} to {header.LastIndex}";
            return false;
        }

        entries.Capacity = header.EntryCount;
        for (var offset = HeaderLength; offset < buffer.Length; offset += EntryLength)
        {
            var entry = buffer.Slice(offset, EntryLength);
            entries.Add(new RawReadings(
                BinaryPrimitives.ReadUInt16BigEndian(entry),
                BinaryPrimitives.ReadUInt16BigEndian(entry[2..]),
                BinaryPrimitives.ReadUInt16BigEndian(entry[4..]),
                BinaryPrimitives.ReadUInt16BigEndian(entry[6..]),
                BinaryPrimitives.ReadUInt16BigEndian(entry[8..]),
                BinaryPrimitives.ReadUInt16BigEndian(entry[10..])));
        }

        return true;
    }

    /// <summary>Writes a buffer in the same layout: for tests, tools and the emulator's own sensors.</summary>
    /// <param name="lastEntrySeconds">The last entry's time in seconds since the sensor started.</param>
    /// <param name="firstIndex">The first entry's index (16 bits: the last one's may wrap past 65,535 to 0).</param>
    /// <param name="sessionId">The session the entries belong to.</param>
    /// <param name="periodSeconds">The measure period.</param>
    /// <param name="entries">The entries' six raw readings each; a missing reading is written as 0.</param>
    public static byte[] Encode(uint lastEntrySeconds, ushort firstIndex, ushort sessionId, ushort periodSeconds, IReadOnlyList<RawReadings> entries)
    {
        var buffer = new byte[HeaderLength + (entries.Count * EntryLength)];
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), checked((ushort)entries.Count));
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), lastEntrySeconds);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(8), firstIndex);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(10), unchecked((ushort)(firstIndex + Math.Max(entries.Count - 1, 0))));
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(12), sessionId);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(14), periodSeconds);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = buffer.AsSpan(HeaderLength + (i * EntryLength), EntryLength);
            var raw = entries[i];
            int?[] values = [raw.AirTemperature, raw.Light, raw.SoilEc, raw.SoilTemperature, raw.SoilVwc, raw.Battery];
            for (var v = 0; v < values.Length; v++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(entry[(v * 2)..], checked((ushort)(values[v] ?? 0)));
            }
        }

        return buffer;
    }

    /// <summary>How many indexes the header's first to last index cover, counting a wrap past 65,535.</summary>
    private static int Span(HistoryBufferHeader header) => ((header.LastIndex - header.FirstIndex) & 0xFFFF) + 1;
}
