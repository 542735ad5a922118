using FlowerPower.Cloud.Server.Accounts;
using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Server.Import;

/// <summary>
/// Imports a folder of CSV-Dump files into a user's garden: one transaction per file, a location created for a sensor
/// that has none, samples already held skipped (a second import adds nothing), and a file with any bad line left
/// out whole, its problems reported by file and line.
/// </summary>
internal sealed class CsvDumpImporter(CloudDatabase database, TimeProvider time)
{
    public async Task<CsvDumpReport> ImportAsync(string folder, string email, TextWriter progress, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            throw new AdminException($"there is no folder {folder}");
        }

        var files = Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal).ToList();
        var report = new CsvDumpReport();

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

            var added = await ImportFileAsync(Path.GetFileNameWithoutExtension(files[i]), email, rows, cancellationToken);
            report.FilesImported++;
            report.SamplesRead += rows.Count;
            report.SamplesAdded += added;
            await progress.WriteLineAsync($"[{i + 1}/{files.Count}] {name}: {rows.Count} samples, {added} new");
        }

        return report;
    }

    private async Task<long> ImportFileAsync(string sensorIdentifier, string email, List<SampleRow> rows, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var user = await AccountAdmin.UserIdAsync(connection, transaction, email, cancellationToken);
        var location = await connection.ScalarAsync<long?>(
            transaction,
            "SELECT id FROM locations WHERE user_id = @u AND (sensor_identifier = @s OR sensor_serial = @s) ORDER BY id LIMIT 1",
            cancellationToken,
            ("@u", user),
            ("@s", sensorIdentifier));
        if (location is null)
        {
            var identifier = await AccountAdmin.InsertLocationAsync(
                connection, transaction, user, sensorIdentifier, null, sensorIdentifier, null, true, time.GetUtcNow(), cancellationToken);
            location = await connection.ScalarAsync<long>(transaction, "SELECT id FROM locations WHERE location_identifier = @i", cancellationToken, ("@i", identifier));
        }

        var added = await database.InsertSamplesAsync(connection, transaction, location.Value, rows, cancellationToken);
        if (added > 0)
        {
            await SqlCloudStore.RecountAsync(connection, transaction, location.Value, cancellationToken);
            await connection.ExecuteAsync(transaction, "UPDATE locations SET last_upload_ms = @t WHERE id = @l", cancellationToken,
                ("@t", time.GetUtcNow().ToUnixTimeMilliseconds()), ("@l", location.Value));
            await connection.ExecuteAsync(transaction, "UPDATE users SET status_version = status_version + 1 WHERE id = @u", cancellationToken, ("@u", user));
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }
}
