using Microsoft.Extensions.Time.Testing;

namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that moves itself forward past every short wait as soon as the wait starts
/// (retry backoff, <c>Retry-After</c>, injected latency), so a long run of calls with real delays finishes at once.
/// Longer timers (the attempt and call timeouts) are left to the test.
/// </summary>
internal sealed class AutoAdvancingTimeProvider(DateTimeOffset start, TimeSpan longestAutomaticWait) : FakeTimeProvider(start)
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime <= longestAutomaticWait)
        {
            // After the timer exists, never inside its creation: the caller may not have stored it yet.
            ThreadPool.QueueUserWorkItem(_ => Advance(dueTime));
        }

        return timer;
    }
}
