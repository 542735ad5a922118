namespace FlowerPower.Cloud.Wire;

/// <summary>Text from a client that may go on to a store: none of it may hold NUL or another control character.</summary>
internal static class WireText
{
    /// <summary>Whether <paramref name="text"/> is fit to be stored or looked up: no control characters (U+0000-U+001F, U+007F).</summary>
    public static bool IsClean(string? text) => text is null || (!text.AsSpan().ContainsAnyInRange('\u0000', '\u001f') && !text.Contains('\u007f', StringComparison.Ordinal));
}
