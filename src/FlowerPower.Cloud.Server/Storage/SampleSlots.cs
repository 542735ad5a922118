using System.Data.Common;

namespace FlowerPower.Cloud.Server.Storage;

/// <summary>
/// One sample per measure period: an uploaded entry is the same as a sample the location already holds within half
/// a period of it. A bridge dates entries from the sensor's startup time, which it gets as "now less the sensor's
/// clock", so the same entry read a second apart (a spool sent again, a download repeated after a failed upload)
/// comes a second or so off; two different entries are a whole period apart.
/// </summary>
internal static class SampleSlots
{
    /// <summary>The rows with no sample of the location within half <paramref name="periodSeconds"/> of them.</summary>
    /// <param name="connection">The upload's connection.</param>
    /// <param name="transaction">The upload's transaction.</param>
    /// <param name="location">The location.</param>
    /// <param name="rows">The upload's rows, in time order.</param>
    /// <param name="periodSeconds">The sensor's measure period; 0 keeps only exact times apart.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The rows to insert.</returns>
    public static async Task<IReadOnlyList<SampleRow>> NewOnlyAsync(
        DbConnection connection, DbTransaction transaction, long location, IReadOnlyList<SampleRow> rows, int periodSeconds, CancellationToken cancellationToken)
    {
        var tolerance = Math.Max(0, (periodSeconds * 1000L / 2) - 1);
        if (rows.Count == 0 || tolerance == 0)
        {
            return rows;
        }

        var held = new List<long>();
        await using (var command = connection.Command(
                         transaction,
                         "SELECT capture_ms FROM samples WHERE location_id = @l AND capture_ms BETWEEN @from AND @to ORDER BY capture_ms",
                         ("@l", location),
                         ("@from", rows.Min(r => r.CaptureMs) - tolerance),
                         ("@to", rows.Max(r => r.CaptureMs) + tolerance)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                held.Add(reader.GetInt64(0));
            }
        }

        if (held.Count == 0)
        {
            return rows;
        }

        return [.. rows.Where(row => !Near(held, row.CaptureMs, tolerance))];
    }

    private static bool Near(List<long> sorted, long time, long tolerance)
    {
        var at = sorted.BinarySearch(time);
        if (at >= 0)
        {
            return true;
        }

        at = ~at;
        return (at < sorted.Count && sorted[at] - time <= tolerance) || (at > 0 && time - sorted[at - 1] <= tolerance);
    }
}
