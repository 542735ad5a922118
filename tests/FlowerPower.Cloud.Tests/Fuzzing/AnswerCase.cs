using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using CsCheck;

namespace FlowerPower.Cloud.Tests.Fuzzing;

/// <summary>
/// One generated answer: a real body changed in one way, sent with a status, a media type and a content encoding
/// that may or may not match it.
/// </summary>
internal sealed record AnswerCase(
    MutationKind Kind, double Where, int Value, HttpStatusCode Status, string? MediaType, string? Encoding, bool Compressed)
{
    private static readonly string[] Swaps =
    [
        "\"text\"", "1.5", "-1", "1e400", "123456789012345678901234567890", "true", "null", "[]", "{}", "\"NaN\"",
        "\"\\ud83d\"", "\"2019-13-45T99:99:99Z\"", "[null]", "{\"nested\":{\"deeper\":[1,\"two\",null]}}",
    ];

    private static readonly string[] OddErrorShapes =
    [
        "[null]", "[\"boom\"]", "[1]", "{}", "\"x\"", "[{\"error_code\":\"abc\"}]", "[{\"error_code\":1e400}]",
        "[{\"error_code\":9000,\"error_message\":\"\\ud83d\"}]", "[{\"error_code\":9000,\"error_message\":null}]", "[[]]",
        "[{\"error_code\":8008}]", "[{\"error_code\":5.5,\"error_message\":{\"a\":1}}]",
    ];

    /// <summary>Every case the generator can make, weighted towards the statuses and types a real server sends.</summary>
    public static Gen<AnswerCase> Gen { get; } = CsCheck.Gen.Select(
        CsCheck.Gen.Enum<MutationKind>(),
        CsCheck.Gen.Double[0, 1],
        CsCheck.Gen.Int[0, 255],
        OneOfValues(200, 200, 200, 200, 200, 400, 401, 403, 404, 429, 500, 502, 503),
        OneOfValues<string?>("application/json", "application/json", "application/json", "text/html", "text/plain", null),
        OneOfValues<string?>(null, null, null, null, null, "gzip", "deflate", "br"),
        CsCheck.Gen.Bool,
        (kind, where, value, status, media, encoding, compressed) =>
            new AnswerCase(kind, where, value, (HttpStatusCode)status, media, encoding, compressed));

    // One of the values, equally likely; CsCheck 4 (the net8.0 leg) and 5 spell this differently.
    private static Gen<T> OneOfValues<T>(params T[] values) => CsCheck.Gen.Int[0, values.Length - 1].Select(i => values[i]);

    /// <summary>Whether this case is the real answer, unchanged and correctly labelled: it must read as a model.</summary>
    public bool IsFaithful =>
        Kind == MutationKind.None && Status == HttpStatusCode.OK && MediaType == "application/json" && (Encoding is null || Compressed);

    /// <summary>The body to send for <paramref name="original"/>, encoded as the case says.</summary>
    public byte[] Body(string original)
    {
        var bytes = Mutate(original);
        return Encoding is not null && Compressed ? Compress(bytes, Encoding) : bytes;
    }

    public override string ToString() =>
        $"{Kind} at {Where:F4} value {Value}, HTTP {(int)Status}, {MediaType ?? "no type"}, encoding {Encoding ?? "none"}{(Compressed ? " (compressed)" : string.Empty)}";

    private byte[] Mutate(string original)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(original);
        var at = (int)(Where * bytes.Length);
        switch (Kind)
        {
            case MutationKind.Truncate:
                return bytes[..at];
            case MutationKind.FlipByte when bytes.Length > 0:
                bytes[Math.Min(at, bytes.Length - 1)] ^= (byte)(Value | 1);
                return bytes;
            case MutationKind.InvalidUtf8:
                byte[][] invalid = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80]];
                return [.. bytes[..at], .. invalid[Value % invalid.Length], .. bytes[at..]];
            case MutationKind.SwapType:
                return Rewrite(original, nodes => Pick(nodes), Swaps[Value % Swaps.Length]);
            case MutationKind.NonFinite:
                string[] nonFinite = ["1e400", "-1e400", "\"NaN\"", "\"Infinity\"", "1e-400", "\"-Infinity\""];
                return Rewrite(original, nodes => Pick(nodes.Where(n => n.Node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number).ToList()), nonFinite[Value % nonFinite.Length]);
            case MutationKind.DeepNesting:
                var depth = 60 + (Value * 8);
                return Rewrite(original, nodes => Pick(nodes), new string('[', depth) + "1" + new string(']', depth));
            case MutationKind.OddErrors:
                var root = JsonNode.Parse(original)!.AsObject();
                root["errors"] = JsonNode.Parse(OddErrorShapes[Value % OddErrorShapes.Length]);
                return System.Text.Encoding.UTF8.GetBytes(root.ToJsonString());
            default:
                return bytes;
        }
    }

    private (JsonNode? Parent, string? Key, int Index, JsonNode? Node)? Pick(IReadOnlyList<(JsonNode? Parent, string? Key, int Index, JsonNode? Node)> nodes) =>
        nodes.Count == 0 ? null : nodes[Math.Min((int)(Where * nodes.Count), nodes.Count - 1)];

    private static byte[] Rewrite(
        string original,
        Func<List<(JsonNode? Parent, string? Key, int Index, JsonNode? Node)>, (JsonNode? Parent, string? Key, int Index, JsonNode? Node)?> choose,
        string replacement)
    {
        var root = JsonNode.Parse(original)!;
        var nodes = new List<(JsonNode? Parent, string? Key, int Index, JsonNode? Node)>();
        Collect(root, nodes);
        if (choose(nodes) is { Parent: { } parent } target)
        {
            var value = JsonNode.Parse(replacement, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 4096 });
            if (parent is JsonObject obj)
            {
                obj[target.Key!] = value;
            }
            else
            {
                parent.AsArray()[target.Index] = value;
            }
        }

        return System.Text.Encoding.UTF8.GetBytes(root.ToJsonString(new System.Text.Json.JsonSerializerOptions { MaxDepth = 4096 }));
    }

    private static void Collect(JsonNode? node, List<(JsonNode? Parent, string? Key, int Index, JsonNode? Node)> nodes)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    nodes.Add((obj, key, -1, child));
                    Collect(child, nodes);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    nodes.Add((array, null, i, array[i]));
                    Collect(array[i], nodes);
                }

                break;
        }
    }

    private static byte[] Compress(byte[] bytes, string encoding)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
            _ => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
        })
        {
            compressor.Write(bytes);
        }

        return output.ToArray();
    }
}
