using FlowerPower.Cloud.Server.Administration;
using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Server.Import;

/// <summary>
/// Imports one ROMI history file into the location of a user's garden that holds the sensor named by its serial (the
/// file names only the Bluetooth address): one is created when none does. Idempotent like the CSV-Dump import.
/// </summary>
/// <remarks>
/// The sensor's <c>current_history_index</c> is left alone: the file's indexes are the buffer's 16 bits, and a bridge
/// that resumed from a wrong one would skip history.
/// </remarks>
internal sealed class RomiHistoryImporter(CloudDatabase database, TimeProvider time)
{
    public async Task<ImportReport> ImportAsync(string path, string email, string sensorSerial, TextWriter progress, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new AdminException($"there is no file {path}", isBadArgument: true);
        }

        var report = new ImportReport();
        var name = Path.GetFileName(path);
        var (rows, problems) = RomiHistoryFile.Read(path, time.GetUtcNow());
        if (problems.Count > 0)
        {
            report.Problems.AddRange(problems);
            report.FilesRefused++;
            await progress.WriteLineAsync($"{name}: not imported, {problems.Count} bad measurement(s); first: {problems[0]}");
            return report;
        }

        var (added, _) = await new SensorHistoryStore(database, time).StoreAsync(sensorSerial, isSerial: true, email, null, rows, cancellationToken);
        report.FilesImported++;
        report.SamplesRead += rows.Count;
        report.SamplesAdded += added;
        await progress.WriteLineAsync($"{name}: {rows.Count} samples, {added} new");
        return report;
    }
}
