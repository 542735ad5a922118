namespace FlowerPower.Cloud.Bridge.Sync;

/// <summary>
/// What one sync did: a line per sensor of the garden, and whether it all worked. A sensor out of range is reported
/// but fails nothing; a sensor in range whose history is not on the server (a failed download, or one kept in the
/// spool while the server is away) fails the sync, and so does a sync that knows no garden.
/// </summary>
internal sealed class SyncReport
{
    /// <summary>The sensors of the garden, in the order they were handled.</summary>
    public List<SensorOutcome> Sensors { get; } = [];

    /// <summary>Why the sync as a whole failed (no garden known, no adapter), if it did.</summary>
    public string? Problem { get; set; }

    /// <summary>Whether every garden sensor in range was synced.</summary>
    public bool Succeeded => Problem is null && Sensors.Where(s => s.InRange).All(s => s.Succeeded);
}
