using System.Collections.Concurrent;

namespace FlowerPower.Cloud.Emulator;

/// <summary>
/// Faults the emulator injects into resource requests (not the token endpoint), to test how callers cope. Rates
/// draw from a generator seeded by the emulator's seed, so a run repeats; queued faults come first, in order.
/// Safe to change while the emulator runs.
/// </summary>
public sealed class EmulatorFaults
{
    private readonly ConcurrentQueue<EmulatorFault> _queued = new();

    /// <summary>Share of requests answered 503, from 0 to 1.</summary>
    public double ServiceUnavailableRate { get; set; }

    /// <summary>Share of requests answered 429 with <c>Retry-After</c>, from 0 to 1.</summary>
    public double RateLimitRate { get; set; }

    /// <summary>Share of requests answered with a cut-off JSON body, delivered whole, from 0 to 1.</summary>
    public double MalformedBodyRate { get; set; }

    /// <summary>Share of requests answered HTTP 502 with a gateway's HTML page, from 0 to 1.</summary>
    public double GatewayHtmlRate { get; set; }

    /// <summary>Share of requests whose body breaks off mid-way with the connection dropped, from 0 to 1.</summary>
    public double CutBodyRate { get; set; }

    /// <summary>The <c>Retry-After</c> of a 429. Default 1 second.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Delay added before every resource answer, on the emulator's clock. Default none.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Makes the next resource requests fail with <paramref name="fault"/>, before any rate applies.</summary>
    /// <param name="fault">How to fail.</param>
    /// <param name="count">How many requests to fail.</param>
    public void FailNext(EmulatorFault fault, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (var i = 0; i < count; i++)
        {
            _queued.Enqueue(fault);
        }
    }

    /// <summary>Removes every fault: queued ones, rates and latency.</summary>
    public void Clear()
    {
        _queued.Clear();
        ServiceUnavailableRate = 0;
        RateLimitRate = 0;
        MalformedBodyRate = 0;
        GatewayHtmlRate = 0;
        CutBodyRate = 0;
        Latency = TimeSpan.Zero;
    }

    internal EmulatorFault? Next(Random random)
    {
        if (_queued.TryDequeue(out var queued))
        {
            return queued;
        }

        double draw;
        lock (random)
        {
            draw = random.NextDouble();
        }

        foreach (var (fault, rate) in new[]
                 {
                     (EmulatorFault.ServiceUnavailable, ServiceUnavailableRate),
                     (EmulatorFault.RateLimited, RateLimitRate),
                     (EmulatorFault.MalformedBody, MalformedBodyRate),
                     (EmulatorFault.GatewayHtml, GatewayHtmlRate),
                     (EmulatorFault.CutBody, CutBodyRate),
                 })
        {
            if (draw < rate)
            {
                return fault;
            }

            draw -= rate;
        }

        return null;
    }
}
