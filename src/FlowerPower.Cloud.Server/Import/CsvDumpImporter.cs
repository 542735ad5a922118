using FlowerPower.Cloud.Server.Administration;
using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Server.Import;

/// <summary>
/// Imports a folder of CSV-Dump files into a user's garden: one transaction per file, a location created for a sensor
/// that has none, samples already held skipped (a second import adds nothing), and a file with any bad line left
/// out whole, its problems reported by file and line.
/// </summary>
internal sealed class CsvDumpImporter(CloudDatabase database, TimeProvider time)
{
    public async Task<ImportReport> ImportAsync(string folder, string email, TextWriter progress, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            throw new AdminException($"there is no folder {folder}", isBadArgument: true);
        }

        var files = Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal).ToList();
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

            var added = await new SensorHistoryStore(database, time).StoreAsync(Path.GetFileNameWithoutExtension(files[i]), isSerial: false, email, rows, cancellationToken);
            report.FilesImported++;
            report.SamplesRead += rows.Count;
            report.SamplesAdded += added;
            await progress.WriteLineAsync($"[{i + 1}/{files.Count}] {name}: {rows.Count} samples, {added} new");
        }

        return report;
    }
}
