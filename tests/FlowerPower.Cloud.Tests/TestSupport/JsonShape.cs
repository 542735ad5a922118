using System.Text.Json;

namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>Every path of a JSON document with the kinds of value it held (number, string, bool, null, object, array).</summary>
internal static class JsonShape
{
    public static Dictionary<string, HashSet<string>> Of(params string[] documents)
    {
        var shape = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            using var json = JsonDocument.Parse(document);
            Walk(json.RootElement, string.Empty, shape);
        }

        return shape;
    }

    private static void Walk(JsonElement element, string path, Dictionary<string, HashSet<string>> shape)
    {
        if (path.Length > 0)
        {
            if (!shape.TryGetValue(path, out var kinds))
            {
                shape[path] = kinds = [];
            }

            kinds.Add(element.ValueKind switch
            {
                JsonValueKind.True or JsonValueKind.False => "bool",
                var kind => kind.ToString().ToLowerInvariant(),
            });
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", shape);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, path + "[]", shape);
                }

                break;
        }
    }
}
