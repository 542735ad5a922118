using System.Runtime.ExceptionServices;

namespace FlowerPower.Cloud.GardenView;

/// <summary>
/// Runs the reads a garden is made of at once, and observes every one of them: the first failure cancels the others
/// and is the one thrown, so no call is left running unobserved after its sibling failed.
/// </summary>
internal static class ConcurrentReads
{
    public static async Task<(T1 First, T2 Second, T3 Third)> ReadAsync<T1, T2, T3>(
        Func<CancellationToken, Task<T1>> first, Func<CancellationToken, Task<T2>> second, Func<CancellationToken, Task<T3>> third, CancellationToken cancellationToken)
    {
        using var siblings = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? failure = null;
        Task<T> Observed<T>(Func<CancellationToken, Task<T>> read)
        {
            var task = read(siblings.Token);
            _ = task.ContinueWith(
                t =>
                {
                    if (Interlocked.CompareExchange(ref failure, t.Exception!.InnerException, null) is null)
                    {
                        siblings.Cancel();
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return task;
        }

        var a = Observed(first);
        var b = Observed(second);
        var c = Observed(third);
        try
        {
            await Task.WhenAll(a, b, c).ConfigureAwait(false);
        }
        catch when (Volatile.Read(ref failure) is not null && !cancellationToken.IsCancellationRequested)
        {
            ExceptionDispatchInfo.Throw(Volatile.Read(ref failure)!);
        }

        return (a.Result, b.Result, c.Result);
    }
}
