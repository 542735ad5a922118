namespace FlowerPower.Cloud.Bridge.Sync;

/// <summary>
/// A history downloaded from a sensor and not yet accepted by the server: everything its upload needs, so that it
/// can be sent again after an outage or a restart exactly as it was read.
/// </summary>
/// <param name="SensorSerial">The sensor as the garden names it.</param>
/// <param name="LocationIdentifier">The location it was downloaded for.</param>
/// <param name="StartupUtc">When the sensor started (the time its clock was read, less the clock).</param>
/// <param name="SessionId">The session.</param>
/// <param name="SessionStartIndex">The index the session started at.</param>
/// <param name="PeriodSeconds">The measure period.</param>
/// <param name="FirstIndex">The first entry downloaded.</param>
/// <param name="LastIndex">The last entry downloaded.</param>
/// <param name="BufferBase64">The history buffer, checked against its header.</param>
/// <param name="Firmware">The sensor's firmware revision.</param>
/// <param name="Hardware">The sensor's hardware revision.</param>
/// <param name="DownloadedUtc">When it was downloaded.</param>
internal sealed record SpooledUpload(
    string SensorSerial,
    string LocationIdentifier,
    DateTimeOffset StartupUtc,
    int SessionId,
    long SessionStartIndex,
    int PeriodSeconds,
    long FirstIndex,
    long LastIndex,
    string BufferBase64,
    string Firmware,
    string Hardware,
    DateTimeOffset DownloadedUtc)
{
    /// <summary>The upload the server takes (<c>PUT /sensor_data/v8/sample</c>): one session history and one buffer.</summary>
    /// <param name="now">The bridge's clock now.</param>
    /// <param name="appVersion">The bridge's name and version.</param>
    /// <returns>The upload.</returns>
    public SampleUpload ToUpload(DateTimeOffset now, string appVersion) => new()
    {
        ClientDatetimeUtc = now,
        SessionHistories =
        [
            new SensorSessionHistory
            {
                SensorSerial = SensorSerial,
                SensorStartupTimestampUtc = StartupUtc,
                SessionId = SessionId,
                SessionStartIndex = SessionStartIndex,
                SampleMeasurePeriod = PeriodSeconds,
            },
        ],
        Uploads =
        [
            new SensorHistoryUpload
            {
                SensorSerial = SensorSerial,
                UploadTimestampUtc = DownloadedUtc,
                BufferBase64 = BufferBase64,
                AppVersion = appVersion,
                SensorFwVersion = Firmware,
                SensorHwIdentifier = Hardware,
            },
        ],
    };
}
