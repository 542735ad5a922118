using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace FlowerPower.Cloud.Bridge.Sync;

/// <summary>
/// Writes and reads the bridge's files so that a crash or a power cut never leaves half a file: each is written to
/// a temporary name, flushed to the disk, then renamed over the old one. Files are readable by the bridge's user only.
/// </summary>
internal static class StateFiles
{
    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/> whole or not at all.</summary>
    /// <typeparam name="T">What is written.</typeparam>
    /// <param name="path">The file.</param>
    /// <param name="value">The value.</param>
    /// <param name="type">Its JSON contract.</param>
    public static void Write<T>(string path, T value, JsonTypeInfo<T> type)
    {
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, value, type);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a file <see cref="Write{T}"/> wrote; null when it is missing or unreadable.</summary>
    /// <typeparam name="T">What is read.</typeparam>
    /// <param name="path">The file.</param>
    /// <param name="type">Its JSON contract.</param>
    /// <returns>The value, or null.</returns>
    public static T? Read<T>(string path, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, type);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }
}
