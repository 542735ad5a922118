using FlowerPower.Cloud.History;

namespace FlowerPower.Cloud.Tests.Api;

public sealed class WindowSamplesTests
{
    private static readonly DateTimeOffset Start = new(2019, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static Sample At(int minutes) => new() { CaptureDatetimeUtc = Start.AddMinutes(minutes) };

    [Fact]
    public void A_window_already_in_order_and_in_range_is_handed_on_without_a_copy()
    {
        IReadOnlyList<Sample> samples = [At(0), At(15), At(30)];

        var kept = WindowSamples.InOrder(samples, Start, Start.AddHours(1), lastSeen: null);

        Assert.Same(samples, kept);
    }

    [Fact]
    public void The_boundary_sample_the_previous_window_gave_is_dropped()
    {
        IReadOnlyList<Sample> samples = [At(0), At(15), At(30)];

        var kept = WindowSamples.InOrder(samples, Start, Start.AddHours(1), lastSeen: Start);

        Assert.Equal([Start.AddMinutes(15), Start.AddMinutes(30)], kept.Select(s => s.CaptureDatetimeUtc));
    }

    [Fact]
    public void Samples_out_of_order_outside_the_range_or_without_a_time_are_sorted_and_dropped()
    {
        IReadOnlyList<Sample> samples = [At(30), At(-15), new Sample(), At(0), At(90), At(15), At(15)];

        var kept = WindowSamples.InOrder(samples, Start, Start.AddHours(1), lastSeen: null);

        Assert.Equal([Start, Start.AddMinutes(15), Start.AddMinutes(15), Start.AddMinutes(30)], kept.Select(s => s.CaptureDatetimeUtc));
    }
}
