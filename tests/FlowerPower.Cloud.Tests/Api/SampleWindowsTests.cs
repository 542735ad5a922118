using FlowerPower.Cloud.History;

namespace FlowerPower.Cloud.Tests.Api;

public sealed class SampleWindowsTests
{
    private static readonly DateTimeOffset Start = new(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_range_within_ten_days_is_one_window()
    {
        var window = Assert.Single(SampleWindows.Split(Start, Start.AddDays(10)));
        Assert.Equal((Start, Start.AddDays(10)), window);
    }

    [Fact]
    public void A_long_range_is_cut_into_contiguous_windows_of_at_most_ten_days()
    {
        var windows = SampleWindows.Split(Start, Start.AddDays(365));

        Assert.Equal(37, windows.Count);
        Assert.Equal(Start, windows[0].From);
        Assert.Equal(Start.AddDays(365), windows[^1].To);
        Assert.All(windows, w => Assert.True(w.To - w.From <= TimeSpan.FromDays(10) && w.To > w.From));
        for (var i = 1; i < windows.Count; i++)
        {
            Assert.Equal(windows[i - 1].To, windows[i].From);
        }
    }

    [Fact]
    public void Bounds_widen_to_whole_seconds_and_format_as_utc()
    {
        var from = new DateTimeOffset(2019, 1, 1, 12, 0, 0, 500, TimeSpan.FromHours(3));
        var window = Assert.Single(SampleWindows.Split(from, from.AddMinutes(1)));

        Assert.Equal("2019-01-01T09:00:00Z", SampleWindows.Format(window.From));
        Assert.Equal("2019-01-01T09:01:01Z", SampleWindows.Format(window.To));
    }

    [Fact]
    public void An_empty_range_needs_no_window()
    {
        Assert.Empty(SampleWindows.Split(Start, Start));
        Assert.Single(SampleWindows.Split(Start, Start.AddTicks(1)));
    }
}
