using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FlowerPower.Cloud.Api;
using FlowerPower.Cloud.DependencyInjection;
using FlowerPower.Cloud.Diagnostics;
using FlowerPower.Cloud.GardenView;
using FlowerPower.Cloud.History;
using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud;

/// <summary>
/// The Flower Power Cloud client. Signs in on first use and keeps its token fresh, retries what may pass, and turns
/// every failure into a typed <see cref="FlowerPowerException"/>. Thread-safe: share one instance.
/// </summary>
/// <example>
/// <code>
/// using var client = new FlowerPowerClient(new FlowerPowerClientOptions
/// {
///     ClientId = "...", ClientSecret = "...", Username = "...", Password = "...",
/// });
/// GardenStatusResponse status = await client.GetGardenStatusAsync();
/// </code>
/// </example>
public sealed class FlowerPowerClient : IFlowerPowerClient, IDisposable
{
    private readonly FlowerPowerPipeline _pipeline;
    private readonly CallRunner _runner;
    private readonly Func<IFlowerPowerApi> _api;
    private readonly IDisposable[] _owned;
    private int _disposed;

    /// <summary>
    /// Creates a client that owns its HTTP stack, with no DI container needed. Dispose it when done.
    /// </summary>
    /// <param name="options">The settings; validated here.</param>
    /// <param name="loggerFactory">Where logs go; none by default.</param>
    /// <param name="tokenStore">Keeps the refresh token between runs; in memory by default. With a store given, the password may be left out.</param>
    /// <param name="timeProvider">The clock for token expiry, backoff and timeouts; the system clock by default.</param>
    /// <param name="primaryHandler">The innermost HTTP handler (a proxy, a test double); the client does not dispose one that is given.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting is wrong; the message names each one.</exception>
    public FlowerPowerClient(
        FlowerPowerClientOptions options,
        ILoggerFactory? loggerFactory = null,
        ITokenStore? tokenStore = null,
        TimeProvider? timeProvider = null,
        HttpMessageHandler? primaryHandler = null)
    {
        HttpClient? tokenHttp = null;
        _pipeline = new FlowerPowerPipeline(options, tokenStore, timeProvider, loggerFactory, () => tokenHttp!);
        var ownsPrimary = primaryHandler is null;
        var primary = primaryHandler ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(15),
        };

        // One HttpClient over the primary handler serves both: the SDK's behaviour lives in the call runners, not
        // in HTTP handlers, and token requests carry no bearer token because nothing puts one on them.
        var http = new HttpClient(primary, ownsPrimary);
        tokenHttp = http;
        _pipeline.ConfigureHttpClient(http);
        var api = FlowerPowerPipeline.CreateApi(http);
        _api = () => api;
        _runner = _pipeline.CreateResourceRunner(_api);
        _owned = [http];
    }

    internal FlowerPowerClient(FlowerPowerPipeline pipeline, Func<IFlowerPowerApi> api)
    {
        _pipeline = pipeline;
        _api = api;
        _runner = pipeline.CreateResourceRunner(api);
        _owned = [];
    }

    /// <summary>The address the client calls.</summary>
    public Uri BaseAddress => _pipeline.Options.BaseAddress;

    /// <inheritdoc />
    public Task<UserProfileResponse> GetProfileAsync(CancellationToken cancellationToken = default) =>
        SendAsync("GetProfile", static (api, token, ct) => api.GetProfileAsync(token!, ct), FlowerPowerJsonContext.Default.UserProfileResponse, cancellationToken);

    /// <inheritdoc />
    public Task<VersionsResponse> GetVersionsAsync(CancellationToken cancellationToken = default) =>
        SendAsync("GetVersions", static (api, token, ct) => api.GetVersionsAsync(token!, ct), FlowerPowerJsonContext.Default.VersionsResponse, cancellationToken);

    /// <summary>The versions call as a health probe: one attempt within <paramref name="budget"/>, outside the retries and the circuit breaker.</summary>
    internal Task<VersionsResponse> ProbeAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _pipeline.CreateProbeRunner(_api, budget).RunAsync(
            "Probe", static (api, token, ct) => api.GetVersionsAsync(token!, ct), FlowerPowerJsonContext.Default.VersionsResponse, null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<GardenConfigurationResponse> GetGardenConfigurationAsync(CancellationToken cancellationToken = default) =>
        SendAsync("GetGardenConfiguration", static (api, token, ct) => api.GetGardenConfigurationAsync(token!, null, ct), FlowerPowerJsonContext.Default.GardenConfigurationResponse, cancellationToken);

    /// <inheritdoc />
    public Task<GardenConfigurationResponse> GetGardenConfigurationAsync(bool includeS3Urls, CancellationToken cancellationToken = default) =>
        SendAsync(
            "GetGardenConfiguration",
            includeS3Urls
                ? static (api, token, ct) => api.GetGardenConfigurationAsync(token!, "true", ct)
                : static (api, token, ct) => api.GetGardenConfigurationAsync(token!, null, ct),
            FlowerPowerJsonContext.Default.GardenConfigurationResponse,
            cancellationToken);

    /// <inheritdoc />
    public Task<GardenStatusResponse> GetGardenStatusAsync(CancellationToken cancellationToken = default) =>
        SendAsync("GetGardenStatus", static (api, token, ct) => api.GetGardenStatusAsync(token!, ct), FlowerPowerJsonContext.Default.GardenStatusResponse, cancellationToken);

    /// <inheritdoc />
    public Task<VersionsResponse> UploadSamplesAsync(SampleUpload upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var body = JsonSerializer.SerializeToUtf8Bytes(upload, FlowerPowerJsonContext.Default.SampleUpload);
        return SendAsync("UploadSamples", (api, token, ct) => api.UploadSamplesAsync(token!, JsonBody(body), ct), FlowerPowerJsonContext.Default.VersionsResponse, cancellationToken);
    }

    /// <inheritdoc />
    public Task<VersionsResponse> UpdateGardenStatusAsync(GardenStatusUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var body = JsonSerializer.SerializeToUtf8Bytes(update, FlowerPowerJsonContext.Default.GardenStatusUpdate);
        return SendAsync("UpdateGardenStatus", (api, token, ct) => api.UpdateGardenStatusAsync(token!, JsonBody(body), ct), FlowerPowerJsonContext.Default.VersionsResponse, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<SamplesResponse> GetSamplesAsync(
        string locationIdentifier, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ValidateRange(locationIdentifier, from, to);
        var windowSamples = new List<IReadOnlyList<Sample>>();
        var wateringEvents = new List<JsonElement>();
        var seenEvents = new HashSet<string>(StringComparer.Ordinal);
        SamplesResponse? last = null;
        DateTimeOffset? firstNotDefinitive = null;
        await foreach (var window in ReadWindowsAsync(locationIdentifier, from, to, cancellationToken).ConfigureAwait(false))
        {
            last = window.Response;
            windowSamples.Add(window.Samples);
            foreach (var wateringEvent in window.Response.WateringEvents)
            {
                if (seenEvents.Add(wateringEvent.GetRawText()))
                {
                    wateringEvents.Add(wateringEvent);
                }
            }

            if (window.Response.FirstNotDefinitiveValueDatetimeUtc is { } boundary &&
                (firstNotDefinitive is null || boundary < firstNotDefinitive))
            {
                firstNotDefinitive = boundary;
            }
        }

        return new SamplesResponse
        {
            Samples = WindowSamples.Join(windowSamples),
            WateringEvents = wateringEvents,
            FirstNotDefinitiveValueDatetimeUtc = firstNotDefinitive,
            ServerIdentifier = last?.ServerIdentifier,
            UserConfigVersion = last?.UserConfigVersion,
            GardenStatusVersion = last?.GardenStatusVersion,
            AdditionalProperties = last?.AdditionalProperties ?? new Dictionary<string, JsonElement>(),
        };
    }

    /// <inheritdoc />
    public IAsyncEnumerable<Sample> StreamSamplesAsync(
        string locationIdentifier, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ValidateRange(locationIdentifier, from, to);
        return StreamCoreAsync(locationIdentifier, from, to, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Garden> GetGardenAsync(CancellationToken cancellationToken = default)
    {
        var (configuration, status, profile) = await ConcurrentReads.ReadAsync(
            GetGardenConfigurationAsync, GetGardenStatusAsync, GetProfileAsync, cancellationToken).ConfigureAwait(false);
        return GardenBuilder.Build(configuration, status, profile.UserProfile, _pipeline.Options.BatteryAlertThreshold);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PlantAlert>> GetAlertsAsync(CancellationToken cancellationToken = default) =>
        (await GetGardenAsync(cancellationToken).ConfigureAwait(false)).Alerts;

    /// <inheritdoc />
    public IAsyncEnumerable<GardenChange> WatchAsync(TimeSpan interval, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return new GardenWatcher(this, _pipeline.TimeProvider, _pipeline.Options.BatteryAlertThreshold).WatchAsync(interval, cancellationToken);
    }

    /// <summary>Releases the HTTP stack the client created; a client from dependency injection leaves that to the container.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    private async IAsyncEnumerable<Sample> StreamCoreAsync(
        string locationIdentifier, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var window in ReadWindowsAsync(locationIdentifier, from, to, cancellationToken).ConfigureAwait(false))
        {
            foreach (var sample in window.Samples)
            {
                yield return sample;
            }
        }
    }

    private async IAsyncEnumerable<(SamplesResponse Response, IReadOnlyList<Sample> Samples)> ReadWindowsAsync(
        string locationIdentifier, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var windows = SampleWindows.Split(from, to);
        Log.ReadingSampleWindows(_pipeline.Logger, windows.Count);
        DateTimeOffset? lastSeen = null;
        var responses = WindowPrefetcher.ReadInOrderAsync(
            windows,
            (window, ct) =>
            {
                var fromText = SampleWindows.Format(window.From);
                var toText = SampleWindows.Format(window.To);
                return SendAsync(
                    "GetSamples",
                    (api, token, c) => api.GetSamplesAsync(token!, locationIdentifier, fromText, toText, c),
                    FlowerPowerJsonContext.Default.SamplesResponse,
                    ct);
            },
            _pipeline.Options.SampleWindowsInFlight,
            cancellationToken);
        await foreach (var response in responses.ConfigureAwait(false))
        {
            var inRange = WindowSamples.InOrder(response.Samples, from, to, lastSeen);
            if (inRange.Count > 0)
            {
                lastSeen = inRange[^1].CaptureDatetimeUtc;
            }

            yield return (response, inRange);
        }
    }

    private async Task<T> SendAsync<T>(
        string operation,
        Func<IFlowerPowerApi, string?, CancellationToken, Task<HttpResponseMessage>> call,
        JsonTypeInfo<T> typeInfo,
        CancellationToken cancellationToken)
        where T : FlowerPowerResponse
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        // The activity's name is built only when someone listens: most calls are never traced.
        using var activity = FlowerPowerDiagnostics.ActivitySource.HasListeners()
            ? FlowerPowerDiagnostics.ActivitySource.StartActivity($"FlowerPower {operation}", ActivityKind.Client)
            : null;
        activity?.SetTag("flowerpower.operation", operation);
        var started = _pipeline.TimeProvider.GetTimestamp();
        try
        {
            var result = await _runner.RunAsync(operation, call, typeInfo, null, cancellationToken).ConfigureAwait(false);
            Record(operation, started, "success", activity);
            Log.OperationSucceeded(_pipeline.Logger, operation, _pipeline.TimeProvider.GetElapsedTime(started));
            return result;
        }
        catch (FlowerPowerException exception)
        {
            Record(operation, started, exception.GetType().Name, activity);
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            if (exception is FlowerPowerApiException { ErrorCode: int code })
            {
                activity?.SetTag("flowerpower.error_code", code);
            }

            Log.OperationFailed(_pipeline.Logger, operation, exception.Message);
            throw;
        }
        catch (OperationCanceledException)
        {
            Record(operation, started, "canceled", activity);
            throw;
        }
    }

    private void Record(string operation, long started, string outcome, Activity? activity)
    {
        activity?.SetTag("flowerpower.outcome", outcome);
        var tags = new TagList { { "operation", operation }, { "outcome", outcome } };
        FlowerPowerDiagnostics.Operations.Add(1, tags);
        FlowerPowerDiagnostics.OperationDuration.Record(_pipeline.TimeProvider.GetElapsedTime(started).TotalSeconds, tags);
    }

    /// <summary>A request body of JSON the client wrote once; a new content each attempt, so a retry sends it whole again.</summary>
    private static ByteArrayContent JsonBody(byte[] json) =>
        new(json) { Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } };

    private static void ValidateRange(string locationIdentifier, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(locationIdentifier);
        if (locationIdentifier is "." or "..")
        {
            throw new ArgumentException("A location identifier cannot be '.' or '..'.", nameof(locationIdentifier));
        }

        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The end of the range ({to:O}) is before its start ({from:O}).");
        }
    }
}
