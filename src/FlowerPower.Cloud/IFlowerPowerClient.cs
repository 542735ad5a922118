namespace FlowerPower.Cloud;

/// <summary>
/// Every operation of the Flower Power Cloud. Signing in is automatic; each call either returns the server's answer
/// or throws a <see cref="FlowerPowerException"/> (argument errors and the caller's cancellation excepted).
/// </summary>
public interface IFlowerPowerClient
{
    /// <summary>Reads the account's profile and unit preferences (<c>GET /user/v4/profile</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The profile.</returns>
    Task<UserProfileResponse> GetProfileAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the garden's version numbers (<c>GET /user/v1/versions</c>): cheap to poll.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The versions.</returns>
    Task<VersionsResponse> GetVersionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads every location of the garden and its sensor (<c>GET /garden/v2/configuration</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The configuration.</returns>
    Task<GardenConfigurationResponse> GetGardenConfigurationAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the garden's configuration, with picture URLs instead of identifiers when asked.</summary>
    /// <param name="includeS3Urls">Whether pictures come as download URLs (<c>include_s3_urls</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The configuration.</returns>
    Task<GardenConfigurationResponse> GetGardenConfigurationAsync(bool includeS3Urls, CancellationToken cancellationToken = default);

    /// <summary>Reads the health of every location (<c>GET /garden/v1/status</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status.</returns>
    Task<GardenStatusResponse> GetGardenStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a bridge's upload (<c>PUT /sensor_data/v8/sample</c>): the sensors' sessions and history buffers. The
    /// server keeps a sample it holds as it was, so an upload is safe to send again, and the call retries like every
    /// other. A sensor that is not in the garden is 9070 (<see cref="FlowerPowerNotFoundException"/>), a buffer or a
    /// session that does not fit 9066 or 9058 (<see cref="FlowerPowerValidationException"/>).
    /// </summary>
    /// <param name="upload">The upload.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The garden's versions after it.</returns>
    /// <remarks>Added after 1.0's surface: an implementation of its own answers <see cref="NotSupportedException"/> until it sends uploads.</remarks>
    Task<VersionsResponse> UploadSamplesAsync(SampleUpload upload, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().Name} does not send uploads; FlowerPowerClient does.");

    /// <summary>
    /// Sends status updates of the garden's locations (<c>PUT /garden/v1/status</c>), waterings among them
    /// (<see cref="LocationStatusUpdate.Watered"/>).
    /// </summary>
    /// <param name="update">The updates.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The garden's versions after it.</returns>
    /// <remarks>Added after 1.0's surface: an implementation of its own answers <see cref="NotSupportedException"/> until it sends status updates.</remarks>
    Task<VersionsResponse> UpdateGardenStatusAsync(GardenStatusUpdate update, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().Name} does not send status updates; FlowerPowerClient does.");

    /// <summary>
    /// Reads a location's samples between two instants, of any span: the client cuts the range into windows the
    /// server accepts (at most 10 days) and returns the samples in time order, each exactly once.
    /// </summary>
    /// <param name="locationIdentifier">The location, from <see cref="GardenLocation.LocationIdentifier"/>.</param>
    /// <param name="from">Start of the range, inclusive; any offset.</param>
    /// <param name="to">End of the range, inclusive; any offset; not before <paramref name="from"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The samples and watering events of the range.</returns>
    Task<SamplesResponse> GetSamplesAsync(string locationIdentifier, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams a location's samples between two instants, of any span, window by window: memory stays flat however
    /// long the range. Samples come in time order, each exactly once.
    /// </summary>
    /// <param name="locationIdentifier">The location, from <see cref="GardenLocation.LocationIdentifier"/>.</param>
    /// <param name="from">Start of the range, inclusive; any offset.</param>
    /// <param name="to">End of the range, inclusive; any offset; not before <paramref name="from"/>.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The samples.</returns>
    IAsyncEnumerable<Sample> StreamSamplesAsync(string locationIdentifier, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>
    /// The garden as the Flower Power app showed it: configuration and status joined by location identifier (locations
    /// without a sensor or a status kept), with what each plant needs.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The garden.</returns>
    Task<Garden> GetGardenAsync(CancellationToken cancellationToken = default);

    /// <summary>What needs attention now: one alert per plant and concern (watering, light, temperature, fertilizer, automatic watering, battery).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The alerts, by plant.</returns>
    Task<IReadOnlyList<PlantAlert>> GetAlertsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Watches the garden: polls the cheap versions endpoint every <paramref name="interval"/> and refetches the
    /// configuration or status only when its version grew. The first item is the garden now, with every alert raised;
    /// later items come only on a change, with the alerts raised and cleared since. Failures that may pass do not end
    /// the stream; cancellation does.
    /// </summary>
    /// <param name="interval">Time between polls.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The changes, as they happen.</returns>
    IAsyncEnumerable<GardenChange> WatchAsync(TimeSpan interval, CancellationToken cancellationToken = default);
}
