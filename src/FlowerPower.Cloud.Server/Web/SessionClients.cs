using System.Collections.Concurrent;

namespace FlowerPower.Cloud.Server.Web;

/// <summary>
/// One long-lived SDK client per signed-in session, kept between pages: its circuit breaker, its retries' budget and
/// its cached access token see every page of the session, not one each. (One client cannot serve every owner: the SDK
/// holds one account's token in memory.) At most <see cref="Capacity"/> are kept; a client idle for
/// <see cref="IdleTime"/> goes when room is needed, and when none can go the page gets a client of its own.
/// </summary>
internal sealed class SessionClients(TimeProvider time) : IDisposable
{
    public const int Capacity = 512;

    public static readonly TimeSpan IdleTime = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Entry> _clients = new(StringComparer.Ordinal);

    /// <summary>The session's client, made by <paramref name="create"/> when it has none; <c>Owned</c> when the caller must dispose it.</summary>
    public (FlowerPowerClient Client, bool Owned) Get(string sessionId, Func<FlowerPowerClient> create)
    {
        var now = time.GetUtcNow();
        if (_clients.TryGetValue(sessionId, out var entry))
        {
            entry.LastUsed = now;
            return (entry.Client, false);
        }

        if (_clients.Count >= Capacity)
        {
            foreach (var idle in _clients.Where(c => now - c.Value.LastUsed > IdleTime).ToList())
            {
                Forget(idle.Key);
            }

            if (_clients.Count >= Capacity)
            {
                return (create(), true);
            }
        }

        var made = new Entry(create()) { LastUsed = now };
        if (_clients.TryAdd(sessionId, made))
        {
            return (made.Client, false);
        }

        made.Client.Dispose();
        return Get(sessionId, create);
    }

    /// <summary>Drops the session's client (the session ended).</summary>
    public void Forget(string sessionId)
    {
        if (_clients.TryRemove(sessionId, out var entry))
        {
            entry.Client.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var key in _clients.Keys.ToList())
        {
            Forget(key);
        }
    }

    private sealed class Entry(FlowerPowerClient client)
    {
        public FlowerPowerClient Client { get; } = client;

        public DateTimeOffset LastUsed { get; set; }
    }
}
