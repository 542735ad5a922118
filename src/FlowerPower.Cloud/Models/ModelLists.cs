namespace FlowerPower.Cloud;

/// <summary>How the models store the lists they read: never null, and without null elements (which carry no data).</summary>
internal static class ModelLists
{
    public static IReadOnlyList<T> Clean<T>(IReadOnlyList<T>? items)
        where T : class
    {
        if (items is null)
        {
            return [];
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                return items.Where(item => item is not null).ToList();
            }
        }

        return items;
    }
}
