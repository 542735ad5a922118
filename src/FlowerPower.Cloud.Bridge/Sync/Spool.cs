namespace FlowerPower.Cloud.Bridge.Sync;

/// <summary>
/// The spool: each downloaded history in a file of its own under the state directory's <c>spool</c> folder until the
/// server accepts it. A history the server refuses for good (a sensor no longer in the garden, a buffer it cannot
/// read) moves to <c>spool/refused</c> with the reason beside it, kept for the owner instead of being sent forever.
/// </summary>
internal sealed class Spool
{
    private readonly string _folder;
    private readonly string _refused;

    /// <summary>Opens (and makes) the spool under <paramref name="stateDirectory"/>.</summary>
    /// <param name="stateDirectory">The bridge's state directory.</param>
    public Spool(string stateDirectory)
    {
        _folder = Path.Combine(stateDirectory, "spool");
        _refused = Path.Combine(_folder, "refused");
        Directory.CreateDirectory(_refused);
    }

    /// <summary>Keeps a downloaded history; returns its file.</summary>
    /// <param name="upload">The history.</param>
    /// <returns>The file it is in.</returns>
    public string Add(SpooledUpload upload)
    {
        var name = $"{upload.DownloadedUtc.UtcTicks:D20}-{Safe(upload.SensorSerial)}-{upload.FirstIndex}-{upload.LastIndex}.json";
        var path = Path.Combine(_folder, name);
        StateFiles.Write(path, upload, BridgeJsonContext.Default.SpooledUpload);
        return path;
    }

    /// <summary>The histories waiting, oldest first, with their files. A file that cannot be read is moved aside as refused.</summary>
    /// <returns>The waiting histories.</returns>
    public IReadOnlyList<(string File, SpooledUpload Upload)> Waiting()
    {
        var waiting = new List<(string, SpooledUpload)>();
        foreach (var file in Directory.EnumerateFiles(_folder, "*.json").Order(StringComparer.Ordinal))
        {
            if (StateFiles.Read(file, BridgeJsonContext.Default.SpooledUpload) is { } upload)
            {
                waiting.Add((file, upload));
            }
            else
            {
                Refuse(file, "the file cannot be read");
            }
        }

        return waiting;
    }

    /// <summary>The last index spooled for a sensor, so a download while the server is away resumes after it.</summary>
    /// <param name="sensorSerial">The sensor as the garden names it.</param>
    /// <returns>The last index, or null when nothing of it waits.</returns>
    public long? LastSpooledIndex(string sensorSerial) =>
        Waiting().Where(w => string.Equals(w.Upload.SensorSerial, sensorSerial, StringComparison.OrdinalIgnoreCase)).Select(w => (long?)w.Upload.LastIndex).Max();

    /// <summary>Removes a history the server accepted.</summary>
    /// <param name="file">Its file.</param>
    public static void Accepted(string file) => File.Delete(file);

    /// <summary>Moves a history the server refused for good aside, with the reason.</summary>
    /// <param name="file">Its file.</param>
    /// <param name="reason">Why.</param>
    public void Refuse(string file, string reason)
    {
        var target = Path.Combine(_refused, Path.GetFileName(file));
        File.Move(file, target, overwrite: true);
        File.WriteAllText(target + ".reason.txt", reason + Environment.NewLine);
    }

    private static string Safe(string value) => new(value.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').Take(40).ToArray());
}
