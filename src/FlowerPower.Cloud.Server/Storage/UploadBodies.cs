using System.IO.Compression;
using System.Text;

namespace FlowerPower.Cloud.Server.Storage;

/// <summary>
/// Upload bodies as kept: every body as received, compressed (a history buffer's base64 and JSON shrink to about a
/// third), in <c>uploads.body_gzip</c>; bodies kept before schema version 3 are in <c>uploads.body</c> as text.
/// </summary>
internal static class UploadBodies
{
    public static byte[] Compress(string body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(body));
        }

        return output.ToArray();
    }

    /// <summary>The body of an upload row: its compressed bytes when it has them, else its text.</summary>
    public static string Read(string? text, byte[]? compressed)
    {
        if (compressed is not { Length: > 0 })
        {
            return text ?? string.Empty;
        }

        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
