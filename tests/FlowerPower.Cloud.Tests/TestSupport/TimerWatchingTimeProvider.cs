using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports each timer as it is created or set again (a cancellation source's
/// <c>CancelAfter</c> sets a timer made idle), so a test advances time only once the delay it means to end is really
/// waiting (advancing before that would be lost).
/// </summary>
internal sealed class TimerWatchingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(base.CreateTimer(callback, state, dueTime, period), _created.Writer);
        _created.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Completes once a timer due after <paramref name="dueTime"/> has been created or set.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime, CancellationToken cancellationToken)
    {
        while (await _created.Reader.ReadAsync(cancellationToken) != dueTime)
        {
        }
    }

    /// <summary>
    /// Waits for <paramref name="work"/> while moving the clock past each wait it starts that is due within
    /// <paramref name="longest"/> (retry backoff, <c>Retry-After</c>, injected latency), one at a time, as each timer
    /// is reported; longer timers (attempt and call timeouts) are left alone. A run of calls with real delays
    /// finishes at once, and the clock moves only on this caller's flow.
    /// </summary>
    public async Task SkipShortWaitsUntilAsync(Task work, TimeSpan longest, CancellationToken cancellationToken)
    {
        while (!work.IsCompleted)
        {
            var reported = _created.Reader.WaitToReadAsync(cancellationToken).AsTask();
            await Task.WhenAny(work, reported).WaitAsync(cancellationToken);
            while (_created.Reader.TryRead(out var dueTime))
            {
                if (dueTime > TimeSpan.Zero && dueTime <= longest)
                {
                    Advance(dueTime);
                }
            }
        }

        await work;
    }

    private sealed class WatchedTimer(ITimer inner, ChannelWriter<TimeSpan> watch) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            watch.TryWrite(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
