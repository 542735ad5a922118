using System.Text.Json.Nodes;
using CsCheck;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Server.Fuzzing;

/// <summary>
/// One generated request to the server: a real upload, status update or token form changed in one way (a field gone,
/// a value of another type or range, control characters, a body cut off, a history buffer corrupted or resized).
/// </summary>
internal sealed record RequestCase(RequestMutation Kind, double Where, int Value)
{
    private static readonly JsonNode?[] Swaps =
    [
        "text", 1.5, -1, 0, long.MaxValue, long.MinValue, 2147483648L, -9_000_000_000_000_000_000L, 4294967296L, 65536, true, null,
        new JsonArray(), new JsonObject(), "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2019-13-45T99:99:99Z",
        "a\u0000b", "\u001f", "\ud83d", new string('x', 10_000), "", " ", "1e400", "-0", "NaN",
    ];

    private static readonly string[] FormSwaps =
    [
        "", "a%00b", "%ff%fe", new string('a', 5_000), "password", "refresh_token", "client_credentials", "\u0001", "😀",
        ServerSession.Alice, "nobody@example.invalid", ServerSession.ClientId, ServerSession.ClientSecret, "%", "&&&", "=",
    ];

    public static Gen<RequestCase> Gen { get; } = CsCheck.Gen.Select(
        CsCheck.Gen.Enum<RequestMutation>(), CsCheck.Gen.Double[0, 1], CsCheck.Gen.Int[0, 1 << 20], (kind, where, value) => new RequestCase(kind, where, value));

    /// <summary>A JSON body changed by this case.</summary>
    public string Mutate(string json)
    {
        var root = JsonNode.Parse(json)!;
        var slots = Slots(root).ToList();
        var (parent, key) = slots[(int)(Where * (slots.Count - 1))];
        switch (Kind)
        {
            case RequestMutation.RemoveField when parent is JsonObject o:
                o.Remove(key!);
                break;
            case RequestMutation.RemoveField when parent is JsonArray a && a.Count > 0:
                a.RemoveAt(Math.Min(a.Count - 1, Value % a.Count));
                break;
            case RequestMutation.SwapValue or RequestMutation.RemoveField:
                Set(parent, key, Swaps[Value % Swaps.Length]?.DeepClone());
                break;
            case RequestMutation.CorruptBuffer or RequestMutation.ResizeBuffer:
                foreach (var upload in root["uploads"]?.AsArray() ?? [])
                {
                    if (upload?["buffer_base64"]?.GetValue<string>() is { } base64)
                    {
                        upload["buffer_base64"] = Convert.ToBase64String(Buffer(Convert.FromBase64String(base64)));
                    }
                }

                break;
            case RequestMutation.DeepNesting:
                JsonNode deep = new JsonArray();
                for (var i = 0; i < 40 + (Value % 200); i++)
                {
                    deep = new JsonArray(deep);
                }

                Set(parent, key, deep);
                break;
        }

        var text = root.ToJsonString();
        return Kind == RequestMutation.CutBody ? text[..(int)(Where * text.Length)] : text;
    }

    /// <summary>A token form changed by this case, as the form's text.</summary>
    public string Mutate(IReadOnlyDictionary<string, string> form)
    {
        var fields = form.ToDictionary(f => f.Key, f => Uri.EscapeDataString(f.Value));
        var names = fields.Keys.ToList();
        var name = names[(int)(Where * (names.Count - 1))];
        switch (Kind)
        {
            case RequestMutation.RemoveField:
                fields.Remove(name);
                break;
            case RequestMutation.CorruptBuffer or RequestMutation.ResizeBuffer or RequestMutation.DeepNesting:
                fields[FormSwaps[Value % FormSwaps.Length]] = FormSwaps[(Value / 7) % FormSwaps.Length];
                break;
            default:
                fields[name] = FormSwaps[Value % FormSwaps.Length];
                break;
        }

        var text = string.Join('&', fields.Select(f => f.Key + "=" + f.Value));
        return Kind == RequestMutation.CutBody ? text[..(int)(Where * text.Length)] : text;
    }

    private byte[] Buffer(byte[] buffer)
    {
        if (Kind == RequestMutation.ResizeBuffer)
        {
            return buffer[..Math.Min(buffer.Length, (int)(Where * buffer.Length))].Concat(new byte[Value % 40]).ToArray();
        }

        var copy = (byte[])buffer.Clone();
        for (var i = 0; i < 1 + (Value % 4); i++)
        {
            // Mostly the header (indexes, count, period, session), sometimes an entry.
            var at = (Value >> (i * 4)) % (i == 0 ? Math.Min(16, copy.Length) : copy.Length);
            copy[at] = (byte)(Value >> (8 + i));
        }

        return copy;
    }

    private static IEnumerable<(JsonNode Parent, string? Key)> Slots(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToList())
                {
                    yield return (o, key);
                    if (child is not null)
                    {
                        foreach (var inner in Slots(child))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return (a, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (a[i] is { } child)
                    {
                        foreach (var inner in Slots(child))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
        }
    }

    private static void Set(JsonNode parent, string? key, JsonNode? value)
    {
        if (parent is JsonObject o)
        {
            o[key!] = value;
        }
        else if (parent is JsonArray a)
        {
            a[int.Parse(key!, System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
    }
}
