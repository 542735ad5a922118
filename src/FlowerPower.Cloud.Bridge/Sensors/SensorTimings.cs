namespace FlowerPower.Cloud.Bridge.Sensors;

/// <summary>How long the bridge waits for a sensor, and how often it tries again.</summary>
/// <param name="Connect">For a connection and for each request.</param>
/// <param name="Stall">For the next frame or status of a running transfer.</param>
/// <param name="Attempts">Downloads of one sensor tried in a sync, each on a new connection.</param>
internal sealed record SensorTimings(TimeSpan Connect, TimeSpan Stall, int Attempts)
{
    /// <summary>What a real sensor needs: 30 s to connect or answer, 20 s between frames, three attempts.</summary>
    public static SensorTimings Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(20), 3);
}
