using FlowerPower.Cloud.Sensor;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// The history buffer as wire-facts lays it out, built byte by byte in the test: the reader finds its header and
/// entries, the encoder writes the same bytes, the 16-bit indexes unwrap against the session, and what does not fit
/// is refused with a reason.
/// </summary>
public sealed class HistoryBufferTests
{
    [Fact]
    public void A_buffer_laid_out_by_the_public_layout_decodes_to_its_header_and_entries()
    {
        var buffer = BridgeUpload.Lay(123_456, 4_000, 4_005, 7, 900, BridgeUpload.Readings);

        Assert.True(HistoryBuffer.TryDecode(buffer, out var header, out var entries, out var problem), problem);

        Assert.Equal(new HistoryBufferHeader(6, 123_456, 4_000, 4_005, 7, 900), header);
        Assert.Equal(
            BridgeUpload.Readings.Select(r => new RawReadings(r[0], r[1], r[2], r[3], r[4], r[5])),
            entries);
    }

    [Fact]
    public void The_encoder_writes_the_public_layout_byte_for_byte_after_the_two_unknown_bytes()
    {
        var laid = BridgeUpload.Lay(98_765, 65_533, 2, 9, 600, BridgeUpload.Readings);

        var encoded = HistoryBuffer.Encode(98_765, 65_533, 9, 600, BridgeUpload.Readings.Select(r => new RawReadings(r[0], r[1], r[2], r[3], r[4], r[5])).ToList());

        Assert.Equal(laid[2..], encoded[2..]);
    }

    [Fact]
    public void A_buffer_whose_16_bit_index_wrapped_between_its_first_and_last_entry_is_whole()
    {
        var buffer = BridgeUpload.Lay(5_400, 65_533, 2, 1, 900, BridgeUpload.Readings);

        Assert.True(HistoryBuffer.TryDecode(buffer, out var header, out var entries, out var problem), problem);
        Assert.Equal(6, entries.Count);
        Assert.Equal(65_538, HistoryIndex.UnwrapLast(header.LastIndex, 65_530, header.LastEntrySeconds, header.PeriodSeconds));
    }

    public static TheoryData<string, byte[], string> Refused() => new()
    {
        { "shorter than its header", new byte[15], "fewer than its 16-byte header" },
        { "cut off in an entry", BridgeUpload.Lay(4_500, 100, 105, 1, 900, BridgeUpload.Readings)[..^5], "bytes follow it" },
        { "a count the length does not hold", BridgeUpload.Lay(4_500, 100, 106, 1, 900, BridgeUpload.Readings, count: 7), "bytes follow it" },
        { "a first index after the last", BridgeUpload.Lay(4_500, 200, 195, 1, 900, BridgeUpload.Readings), "first index 200 is after its last index 195" },
        { "a count that does not span the indexes", BridgeUpload.Lay(4_500, 100, 110, 1, 900, BridgeUpload.Readings), "announces 6 entries but indexes 100 to 110" },
        { "a period of 0", BridgeUpload.Lay(4_500, 100, 105, 1, 0, BridgeUpload.Readings), "period is 0 seconds" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_buffer_that_does_not_fit_the_layout_is_refused_with_the_reason(string defect, byte[] buffer, string reason)
    {
        Assert.False(HistoryBuffer.TryDecode(buffer, out _, out var entries, out var problem), defect);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        Assert.Empty(entries);
    }

    [Theory]
    [InlineData(5, 0, 5 * 900, 5)]
    [InlineData(2, 65_530, 8 * 900, 65_538)]
    [InlineData(70_000 & 0xFFFF, 0, 70_000 * 900, 70_000)]
    [InlineData(200_000 & 0xFFFF, 150_000, 50_000 * 900, 200_000)]
    [InlineData(12, 2_147_483_648L, 12 * 900, 2_147_483_660L)]
    [InlineData(0xFFFF & 4_294_967_295L, 4_294_967_200L, 95 * 900, 4_294_967_295L)]
    public void A_16_bit_index_unwraps_against_the_sessions_32_bit_start_and_clock(int lastIndex, long sessionStart, long lastSeconds, long expected) =>
        Assert.Equal(expected, HistoryIndex.UnwrapLast((ushort)lastIndex, sessionStart, (uint)lastSeconds, 900));

    [Fact]
    public void An_index_never_unwraps_before_the_sessions_start_even_when_the_clock_says_so()
    {
        Assert.Equal(65_540, HistoryIndex.UnwrapLast(4, 65_530, 0, 900));
    }
}
