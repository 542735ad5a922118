using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Api;

/// <summary>Long histories load a few windows ahead, and still come in order, each sample once, with bounded requests in flight.</summary>
public sealed class PrefetchTests
{
    private static readonly DateTimeOffset Origin = new(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ConcurrentDictionary<DateTimeOffset, TaskCompletionSource> _gates = new();
    private readonly ConcurrentQueue<DateTimeOffset> _asked = new();
    private int _inFlight;
    private int _mostInFlight;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Windows_answered_out_of_order_still_give_samples_in_order_each_once()
    {
        using var client = Client(out var handler);
        var reading = client.GetSamplesAsync("loc", Origin, Origin.AddDays(80), Ct);

        // The client asks four windows at once; each batch is answered newest first.
        for (var batch = 0; batch < 2; batch++)
        {
            for (var i = 0; i < 4; i++)
            {
                await handler.NextAttemptStarted(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
            }

            foreach (var gate in _gates.Where(g => !g.Value.Task.IsCompleted).OrderByDescending(g => g.Key).ToList())
            {
                gate.Value.TrySetResult();
            }
        }

        var samples = (await reading.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Samples;
        Assert.Equal((80 * 24) + 1, samples.Count);
        Assert.Equal(samples.Select(s => s.CaptureDatetimeUtc).Order(), samples.Select(s => s.CaptureDatetimeUtc));
        Assert.Equal(samples.Count, samples.Select(s => s.CaptureDatetimeUtc).Distinct().Count());
        Assert.Equal(4, _mostInFlight);
    }

    [Fact]
    public async Task Cancelling_stops_the_windows_in_flight()
    {
        using var client = Client(out var handler);
        using var cancel = new CancellationTokenSource();
        var reading = client.GetSamplesAsync("loc", Origin, Origin.AddDays(80), cancel.Token);
        for (var i = 0; i < 4; i++)
        {
            await handler.NextAttemptStarted(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
        }

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        await WaitUntil(() => Volatile.Read(ref _inFlight) == 0);
        Assert.Equal(4, _asked.Count);
    }

    [Fact]
    public async Task A_failing_window_fails_the_stream_with_its_typed_error_after_the_windows_before_it()
    {
        using var client = Client(out _, failFrom: Origin.AddDays(20));
        foreach (var gate in Enumerable.Range(0, 8).Select(i => Origin.AddDays(10 * i)))
        {
            _gates.GetOrAdd(gate, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }

        var read = new List<Sample>();
        var error = await Assert.ThrowsAsync<FlowerPowerValidationException>(async () =>
        {
            await foreach (var sample in client.StreamSamplesAsync("loc", Origin, Origin.AddDays(80), Ct))
            {
                read.Add(sample);
            }
        });

        Assert.Equal(9048, error.ErrorCode);
        Assert.Equal((2 * 10 * 24) + 1, read.Count);
    }

    private FlowerPowerClient Client(out ScriptedHandler handler, DateTimeOffset? failFrom = null)
    {
        handler = new ScriptedHandler(async (request, _, ct) =>
        {
            var query = request.RequestUri!.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
            var from = DateTimeOffset.Parse(query["from_datetime_utc"], CultureInfo.InvariantCulture);
            var to = DateTimeOffset.Parse(query["to_datetime_utc"], CultureInfo.InvariantCulture);
            _asked.Enqueue(from);
            var now = Interlocked.Increment(ref _inFlight);
            InterlockedMax(ref _mostInFlight, now);
            try
            {
                await _gates.GetOrAdd(from, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(ct);
                if (failFrom is { } fail && from >= fail)
                {
                    return ScriptedHandler.Json(HttpStatusCode.BadRequest, """{"errors":[{"error_code":9048,"error_message":"The requested date span is too large"}]}""");
                }

                var samples = new List<string>();
                for (var at = from; at <= to; at = at.AddHours(1))
                {
                    samples.Add(FormattableString.Invariant($$"""{"capture_datetime_utc":"{{at:yyyy-MM-ddTHH:mm:ssZ}}","light":2.5}"""));
                }

                return ScriptedHandler.Json(HttpStatusCode.OK, $$"""{"samples":[{{string.Join(',', samples)}}],"errors":[]}""");
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        });
        var options = TestCredentials.Options(new Uri("https://flowerpower.test"));
        options.Retry.MaxRetryAttempts = 0;
        return new FlowerPowerClient(options, primaryHandler: handler);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }
    }
}
