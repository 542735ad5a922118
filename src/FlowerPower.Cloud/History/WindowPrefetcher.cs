using System.Runtime.CompilerServices;

namespace FlowerPower.Cloud.History;

/// <summary>
/// Reads windows of a long history with up to a few requests in flight: the next windows load while the caller
/// consumes the current one, results come back in window order whatever order the server answers in, and memory
/// is bounded by the windows in flight. When the caller stops (or cancels, or a window fails), the windows still in
/// flight are cancelled.
/// </summary>
internal static class WindowPrefetcher
{
    public static async IAsyncEnumerable<TResult> ReadInOrderAsync<TWindow, TResult>(
        IReadOnlyList<TWindow> windows,
        Func<TWindow, CancellationToken, Task<TResult>> fetch,
        int inFlight,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = new Queue<Task<TResult>>();
        var next = 0;
        try
        {
            while (next < windows.Count && pending.Count < inFlight)
            {
                pending.Enqueue(fetch(windows[next++], stop.Token));
            }

            while (pending.TryDequeue(out var current))
            {
                // The window the caller holds counts against the bound: with one in flight, reading is sequential.
                yield return await current.ConfigureAwait(false);
                if (next < windows.Count)
                {
                    pending.Enqueue(fetch(windows[next++], stop.Token));
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var abandoned in pending)
            {
                try
                {
                    await abandoned.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // A window nobody will read: cancelled, or failed after the caller stopped reading.
                }
            }
        }
    }
}
