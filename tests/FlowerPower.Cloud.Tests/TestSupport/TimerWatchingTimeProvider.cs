using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports each timer as it is created, so a test advances time only once
/// the delay it means to end is really waiting (advancing before that would be lost).
/// </summary>
internal sealed class TimerWatchingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _created.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Completes once a timer due after <paramref name="dueTime"/> has been created.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime, CancellationToken cancellationToken)
    {
        while (await _created.Reader.ReadAsync(cancellationToken) != dueTime)
        {
        }
    }
}
