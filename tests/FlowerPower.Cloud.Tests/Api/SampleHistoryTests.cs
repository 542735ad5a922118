using System.Globalization;
using System.Net;
using System.Text;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Api;

/// <summary>Histories of any span: cut into windows the server accepts, returned in order, each sample once.</summary>
public sealed class SampleHistoryTests
{
    private static readonly DateTimeOffset Origin = new(2019, 1, 1, 0, 3, 21, TimeSpan.Zero);

    private readonly List<(DateTimeOffset From, DateTimeOffset To)> _windows = [];

    private ScriptedHandler Server() => new((request, _, _) =>
    {
        var query = request.RequestUri!.Query.TrimStart('?').Split('&')
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        var from = DateTimeOffset.Parse(query["from_datetime_utc"], CultureInfo.InvariantCulture);
        var to = DateTimeOffset.Parse(query["to_datetime_utc"], CultureInfo.InvariantCulture);
        lock (_windows)
        {
            _windows.Add((from, to));
        }

        if (to - from > TimeSpan.FromDays(10))
        {
            return Task.FromResult(ScriptedHandler.Json(HttpStatusCode.OK, """{"samples":[],"errors":[{"error_code":9048,"error_message":"The requested date span is too large"}]}"""));
        }

        // Samples every 15 minutes, both bounds inclusive, newest first: the client must order and de-duplicate.
        var samples = new List<string>();
        for (var at = Next(from); at <= to; at = at.AddMinutes(15))
        {
            samples.Add(FormattableString.Invariant($$"""{"capture_datetime_utc":"{{at:yyyy-MM-ddTHH:mm:ssZ}}","light":1.5}"""));
        }

        samples.Reverse();
        var body = new StringBuilder("""{"samples":[""").AppendJoin(',', samples);
        body.Append(FormattableString.Invariant($$"""],"watering_events":[],"first_not_definitive_value_datetime_utc":"{{to:yyyy-MM-ddTHH:mm:ssZ}}","errors":[]}"""));
        return Task.FromResult(ScriptedHandler.Json(HttpStatusCode.OK, body.ToString()));
    });

    private static DateTimeOffset Next(DateTimeOffset from)
    {
        var steps = Math.Ceiling((from - Origin).TotalMinutes / 15);
        return Origin.AddMinutes(15 * Math.Max(0, steps));
    }

    [Fact]
    public async Task A_year_of_history_comes_in_order_each_sample_once_through_ten_day_windows()
    {
        using var client = new FlowerPowerClient(TestCredentials.Options(new Uri("https://flowerpower.test")), primaryHandler: Server());
        var from = Origin;
        var to = Origin.AddDays(365);

        var response = await client.GetSamplesAsync("loc", from, to, TestContext.Current.CancellationToken);

        Assert.Equal(365 * 96 + 1, response.Samples.Count);
        var times = response.Samples.Select(s => s.CaptureDatetimeUtc!.Value).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(times.Count, times.Distinct().Count());
        Assert.Equal(from, times[0]);
        Assert.Equal(to, times[^1]);
        Assert.Equal(37, _windows.Count);
        Assert.All(_windows, w => Assert.True(w.To - w.From <= TimeSpan.FromDays(10)));
        Assert.Equal(Origin.AddDays(10), response.FirstNotDefinitiveValueDatetimeUtc);
    }

    [Fact]
    public async Task Streaming_yields_the_same_samples_and_stays_within_the_range()
    {
        using var client = new FlowerPowerClient(TestCredentials.Options(new Uri("https://flowerpower.test")), primaryHandler: Server());
        var from = Origin.AddMinutes(7);
        var to = Origin.AddDays(23).AddMinutes(-1);

        var streamed = new List<DateTimeOffset>();
        await foreach (var sample in client.StreamSamplesAsync("loc", from, to, TestContext.Current.CancellationToken))
        {
            streamed.Add(sample.CaptureDatetimeUtc!.Value);
        }

        Assert.Equal(23 * 96 - 1, streamed.Count);
        Assert.Equal(Origin.AddMinutes(15), streamed[0]);
        Assert.True(streamed[^1] <= to);
        Assert.Equal(streamed.Order(), streamed);
        Assert.Equal(streamed.Count, streamed.Distinct().Count());
        Assert.Equal(3, _windows.Count);
    }

    [Fact]
    public async Task Stopping_a_stream_early_sends_no_further_window()
    {
        var options = TestCredentials.Options(new Uri("https://flowerpower.test"));
        options.SampleWindowsInFlight = 1;
        using var client = new FlowerPowerClient(options, primaryHandler: Server());

        await foreach (var _ in client.StreamSamplesAsync("loc", Origin, Origin.AddDays(100), TestContext.Current.CancellationToken))
        {
            break;
        }

        Assert.Single(_windows);
    }

    [Fact]
    public async Task Stopping_a_stream_early_sends_no_window_beyond_those_in_flight()
    {
        using var client = new FlowerPowerClient(TestCredentials.Options(new Uri("https://flowerpower.test")), primaryHandler: Server());

        await foreach (var _ in client.StreamSamplesAsync("loc", Origin, Origin.AddDays(100), TestContext.Current.CancellationToken))
        {
            break;
        }

        Assert.InRange(_windows.Count, 1, 4);
    }
}
