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
    public void The_boundary_sample_the_previous_window_gave_is_dropped_and_the_rest_read_in_place()
    {
        IReadOnlyList<Sample> samples = [At(0), At(15), At(30)];

        var kept = WindowSamples.InOrder(samples, Start, Start.AddHours(1), lastSeen: Start);

        Assert.Equal([Start.AddMinutes(15), Start.AddMinutes(30)], kept.Select(s => s.CaptureDatetimeUtc));
        Assert.IsType<SampleSlice>(kept);
        Assert.Same(samples[1], kept[0]);
        Assert.Same(samples[2], kept[^1]);
    }

    [Fact]
    public void Samples_before_and_after_the_range_at_the_ends_of_an_ordered_window_are_left_out_without_a_sort()
    {
        IReadOnlyList<Sample> samples = [new Sample(), At(-15), At(0), At(15), At(30), At(75), new Sample()];

        var kept = WindowSamples.InOrder(samples, Start, Start.AddHours(1), lastSeen: null);

        Assert.IsType<SampleSlice>(kept);
        Assert.Equal([Start, Start.AddMinutes(15), Start.AddMinutes(30)], kept.Select(s => s.CaptureDatetimeUtc));
        Assert.Equal(3, kept.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => kept[3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => kept[-1]);
    }

    [Fact]
    public void A_window_with_nothing_new_gives_nothing()
    {
        IReadOnlyList<Sample> samples = [At(0), At(15)];

        var kept = WindowSamples.InOrder(samples, Start, Start.AddHours(1), lastSeen: Start.AddMinutes(15));

        Assert.Empty(kept);
    }

    [Fact]
    public void A_sample_out_of_order_inside_the_kept_run_sends_the_window_to_the_sort()
    {
        IReadOnlyList<Sample> samples = [At(0), At(30), At(15), At(45)];

        var kept = WindowSamples.InOrder(samples, Start, Start.AddHours(1), lastSeen: Start);

        Assert.Equal([Start.AddMinutes(15), Start.AddMinutes(30), Start.AddMinutes(45)], kept.Select(s => s.CaptureDatetimeUtc));
    }

    [Fact]
    public void Samples_out_of_order_outside_the_range_or_without_a_time_are_sorted_dropped_and_each_time_kept_once()
    {
        IReadOnlyList<Sample> samples = [At(30), At(-15), new Sample(), At(0), At(90), At(15), At(15)];

        var kept = WindowSamples.InOrder(samples, Start, Start.AddHours(1), lastSeen: null);

        Assert.Equal([Start, Start.AddMinutes(15), Start.AddMinutes(30)], kept.Select(s => s.CaptureDatetimeUtc));
        Assert.Same(samples[5], kept[1]);
    }

    [Fact]
    public void One_window_is_joined_as_its_own_list_and_several_into_one_in_window_order()
    {
        IReadOnlyList<Sample> first = [At(0), At(15)];
        IReadOnlyList<Sample> second = [At(30)];

        Assert.Same(first, WindowSamples.Join([first]));
        Assert.Equal([first[0], first[1], second[0]], WindowSamples.Join([first, second]));
        Assert.Empty(WindowSamples.Join([]));
    }
}
