namespace FlowerPower.Cloud;

/// <summary>One sensor's measuring session, as its history service reports it (<c>session_histories[]</c>).</summary>
public sealed class SensorSessionHistory : FlowerPowerModel
{
    /// <summary>The sensor (<c>sensor_serial</c>): its Device Information serial, as the garden knows it.</summary>
    public string? SensorSerial { get; set; }

    /// <summary>When the session started (<c>sensor_startup_timestamp_utc</c>): now minus the sensor's clock.</summary>
    public DateTimeOffset SensorStartupTimestampUtc { get; set; }

    /// <summary>The session's number (<c>session_id</c>), which the buffer's header names.</summary>
    public int SessionId { get; set; }

    /// <summary>The history index of the session's first entry (<c>session_start_index</c>).</summary>
    public long SessionStartIndex { get; set; }

    /// <summary>Seconds between two entries (<c>sample_measure_period</c>), 900 on every sensor seen.</summary>
    public int SampleMeasurePeriod { get; set; }
}
