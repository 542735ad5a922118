using FlowerPower.Cloud.Server.Administration;
using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Server.Import;

/// <summary>
/// Imports a folder of CSV-Dump files (or one file) into a user's garden: one transaction per file, a location created
/// for a sensor that has none (and the owner told how to give it its sensor's serial), or one file into the location
/// named; samples already held skipped (a second import adds nothing), and a file with any bad line left out whole,
/// its problems reported by file and line.
/// </summary>
internal sealed class CsvDumpImporter(CloudDatabase database, TimeProvider time)
{
    /// <param name="path">A folder of <c>*.csv</c> files, or one file.</param>
    /// <param name="email">The user whose garden receives them.</param>
    /// <param name="locationIdentifier">The location that receives the one file's samples; null for each file's sensor's own.</param>
    /// <param name="progress">Where a line per file goes.</param>
    /// <param name="cancellationToken">Stops the import; the file being stored is not kept.</param>
    public async Task<ImportReport> ImportAsync(string path, string email, string? locationIdentifier, TextWriter progress, CancellationToken cancellationToken)
    {
        var files = File.Exists(path) ? [path]
            : Directory.Exists(path) ? Directory.GetFiles(path, "*.csv").Order(StringComparer.Ordinal).ToList()
            : throw new AdminException($"there is no folder {path}", isBadArgument: true);
        if (locationIdentifier is not null && files.Count != 1)
        {
            throw new AdminException($"--location takes one sensor's history: give one file, not a folder of {files.Count}", isBadArgument: true);
        }

        var report = new ImportReport();

        // The next file is read and checked while the current one is stored.
        var next = files.Count > 0 ? Task.Run(() => CsvDumpFile.Read(files[0]), cancellationToken) : null;
        for (var i = 0; i < files.Count; i++)
        {
            var name = Path.GetFileName(files[i]);
            var (rows, problems) = await next!;
            if (i + 1 < files.Count)
            {
                var following = files[i + 1];
                next = Task.Run(() => CsvDumpFile.Read(following), cancellationToken);
            }
            if (problems.Count > 0)
            {
                report.Problems.AddRange(problems);
                report.FilesRefused++;
                await progress.WriteLineAsync($"[{i + 1}/{files.Count}] {name}: not imported, {problems.Count} bad line(s); first: {problems[0]}");
                continue;
            }

            var sensor = Path.GetFileNameWithoutExtension(files[i]);
            var (added, created) = await new SensorHistoryStore(database, time).StoreAsync(sensor, isSerial: false, email, locationIdentifier, rows, cancellationToken);
            report.FilesImported++;
            report.SamplesRead += rows.Count;
            report.SamplesAdded += added;
            await progress.WriteLineAsync($"[{i + 1}/{files.Count}] {name}: {rows.Count} samples, {added} new");
            if (created is not null)
            {
                // The file names the sensor's advertised name only: the bridge uploads by serial.
                await progress.WriteLineAsync(
                    $"  made the plant \"{sensor}\" (location {created}) without a sensor serial, so a bridge's uploads cannot reach it yet: " +
                    $"flowerpower-server locations set --user {AccountAdmin.Normalize(email)} --location {created} --sensor SERIAL " +
                    "('flowerpower-bridge scan' shows the serial), or merge it into the plant its uploads made with 'locations merge'");
            }
        }

        return report;
    }
}
