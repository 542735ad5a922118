using FlowerPower.Cloud.Bridge.Bluetooth;
using FlowerPower.Cloud.Bridge.Sensors;

namespace FlowerPower.Cloud.Bridge.Sync;

/// <summary>
/// One sync: what the spool holds goes to the server first; then the garden (from the server, or as last seen when
/// the server is away); then every Flower Power in range that is a sensor of that garden is read and its new history
/// downloaded (from the status's <c>current_history_index</c>, or after what the spool already holds), kept in the
/// spool, and sent. A sensor of no location of the garden is left alone. A download that fails is tried again on a
/// new connection a bounded number of times; nothing half-downloaded is kept.
/// </summary>
internal sealed class SyncRunner(IFlowerPowerClient client, BluezBus bus, BridgeSettings settings, TimeProvider time, TextWriter log)
{
    private readonly Spool _spool = new(settings.StateDirectory);

    private string GardenFile => Path.Combine(settings.StateDirectory, "garden.json");

    /// <summary>Runs one sync.</summary>
    /// <param name="cancellationToken">Stops it; what is spooled stays.</param>
    /// <returns>What it did.</returns>
    public async Task<SyncReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        var report = new SyncReport();
        var serverProblem = await SendSpoolAsync(cancellationToken);
        var garden = serverProblem is null ? await FetchGardenAsync(cancellationToken) : null;
        if (garden is null)
        {
            garden = StateFiles.Read(GardenFile, BridgeJsonContext.Default.GardenSnapshot);
            if (garden is null)
            {
                report.Problem = $"the server cannot be reached and no garden was seen before: {serverProblem ?? "unknown"}";
                return report;
            }

            await log.WriteLineAsync($"the server cannot be reached; syncing the garden as seen at {garden.FetchedUtc:u}");
        }

        BluezAdapter adapter;
        IReadOnlyList<BluezDevice> devices;
        try
        {
            adapter = await BluezAdapter.OpenAsync(bus, settings.Adapter, cancellationToken);
            devices = await adapter.ScanAsync(settings.ScanDuration, cancellationToken);
        }
        catch (BluetoothException e)
        {
            report.Problem = e.Message;
            return report;
        }

        var handled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var device in devices)
        {
            if (await SyncDeviceAsync(device, garden, cancellationToken) is { } outcome && handled.Add(outcome.Sensor.LocationIdentifier))
            {
                report.Sensors.Add(outcome);
            }
        }

        foreach (var sensor in garden.Sensors.Where(s => !handled.Contains(s.LocationIdentifier)))
        {
            report.Sensors.Add(new SensorOutcome(sensor, false, false, $"{Describe(sensor)}: not in range (no advertisement seen in {settings.ScanDuration.TotalSeconds:0} s)"));
        }

        if (await SendSpoolAsync(cancellationToken) is { } problem)
        {
            for (var i = 0; i < report.Sensors.Count; i++)
            {
                if (report.Sensors[i] is { Succeeded: true, InRange: true } done && _spool.LastSpooledIndex(done.Sensor.UploadName) is not null)
                {
                    report.Sensors[i] = done with { Succeeded = false, Line = $"{Describe(done.Sensor)}: downloaded and kept in the spool; the server cannot take it now ({problem})" };
                }
            }
        }

        return report;
    }

    private static string Describe(GardenSensor sensor) =>
        $"{sensor.Nickname ?? sensor.LocationIdentifier} ({string.Join(", ", new[] { sensor.SensorName, sensor.SensorSerial }.Where(s => s is not null))})";

    private async Task<SensorOutcome?> SyncDeviceAsync(BluezDevice device, GardenSnapshot garden, CancellationToken cancellationToken)
    {
        GardenSensor? match = garden.Find(null, device.Name);
        string? lastFailure = null;
        for (var attempt = 1; attempt <= settings.Timings.Attempts; attempt++)
        {
            try
            {
                await using var sensor = await FlowerPowerSensor.ConnectAsync(device, settings.Timings, time, cancellationToken);
                var identity = await sensor.ReadIdentityAsync(cancellationToken);
                match = garden.Find(identity.Serial, identity.Name);
                if (match is null)
                {
                    await log.WriteLineAsync($"{identity.Name} ({identity.Serial}) is not a sensor of this garden: left alone");
                    return null;
                }

                var state = await sensor.ReadHistoryStateAsync(cancellationToken);
                var server = Math.Max(match.CurrentHistoryIndex, (_spool.LastSpooledIndex(match.UploadName) ?? -1) + 1);
                if (state.ResumeFrom(server) is not { } start)
                {
                    return new SensorOutcome(match, true, true, $"{Describe(match)}: nothing new (last entry {state.LastIndex})");
                }

                var buffer = await sensor.DownloadHistoryAsync(start, cancellationToken);
                _spool.Add(new SpooledUpload(
                    match.UploadName,
                    match.LocationIdentifier,
                    state.StartupUtc,
                    state.SessionId,
                    state.SessionStartIndex,
                    state.PeriodSeconds,
                    start,
                    state.LastIndex,
                    Convert.ToBase64String(buffer),
                    identity.Firmware,
                    identity.Hardware,
                    time.GetUtcNow()));
                return new SensorOutcome(match, true, true, $"{Describe(match)}: {state.LastIndex - start + 1} entries downloaded ({start} to {state.LastIndex})");
            }
            catch (BluetoothException e) when (e.IsTransient && attempt < settings.Timings.Attempts)
            {
                lastFailure = e.Message;
                await log.WriteLineAsync($"{device.Name ?? device.Address}: {e.Message}; trying again ({attempt + 1} of {settings.Timings.Attempts})");
            }
            catch (BluetoothException e)
            {
                lastFailure = e.Message;
                break;
            }
        }

        return match is null
            ? null
            : new SensorOutcome(match, false, true, $"{Describe(match)}: not synced: {lastFailure}");
    }

    private async Task<GardenSnapshot?> FetchGardenAsync(CancellationToken cancellationToken)
    {
        try
        {
            var configuration = await client.GetGardenConfigurationAsync(cancellationToken);
            var status = await client.GetGardenStatusAsync(cancellationToken);
            var garden = GardenSnapshot.From(configuration, status, time.GetUtcNow());
            StateFiles.Write(GardenFile, garden, BridgeJsonContext.Default.GardenSnapshot);
            return garden;
        }
        catch (FlowerPowerException e)
        {
            await log.WriteLineAsync($"the garden cannot be read from the server: {e.Message}");
            return null;
        }
    }

    /// <summary>Sends what the spool holds, oldest first; returns why the server cannot take it, or null when all went.</summary>
    private async Task<string?> SendSpoolAsync(CancellationToken cancellationToken)
    {
        foreach (var (file, upload) in _spool.Waiting())
        {
            try
            {
                await client.UploadSamplesAsync(upload.ToUpload(time.GetUtcNow(), BridgeSettings.AppVersion), cancellationToken);
                Spool.Accepted(file);
                await log.WriteLineAsync($"sent {upload.LastIndex - upload.FirstIndex + 1} entries of {upload.SensorSerial} ({upload.FirstIndex} to {upload.LastIndex})");
            }
            catch (Exception e) when (e is FlowerPowerNotFoundException or FlowerPowerValidationException)
            {
                _spool.Refuse(file, e.Message);
                await log.WriteLineAsync($"the server refused the entries {upload.FirstIndex} to {upload.LastIndex} of {upload.SensorSerial} for good ({e.Message}); kept in spool/refused");
            }
            catch (FlowerPowerException e)
            {
                return e.Message;
            }
        }

        return null;
    }
}
