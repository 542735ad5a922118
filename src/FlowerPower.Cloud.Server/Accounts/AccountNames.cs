using System.Globalization;
using System.Text;

namespace FlowerPower.Cloud.Server.Accounts;

/// <summary>
/// What a name an owner gives (an email, a plant's nickname) may hold. Names end up in lines a person reads (the
/// administration commands' lists, the logs, the web garden), so a name that could forge a line or turn text around
/// is refused where it is made: control characters (a newline, U+0085), line and paragraph separators (U+2028,
/// U+2029) and the bidirectional controls (U+202A-U+202E, U+2066-U+2069 and the marks), which make "gpj.exe" read
/// "exe.jpg". Letters of every script and emoji (with their joiners) are names like any other.
/// </summary>
internal static class AccountNames
{
    /// <summary>The email as it is stored and looked up: trimmed, lower case.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Why <paramref name="name"/> cannot be a name, in the owner's terms, or null when it can.</summary>
    public static string? Problem(string name, string what)
    {
        foreach (var rune in name.EnumerateRunes())
        {
            if (IsForging(rune))
            {
                return FormattableString.Invariant($"the {what} holds the character U+{rune.Value:X4}, which could forge or reverse a line of text: leave it out");
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="rune"/> can break a line or reverse text where it is shown.</summary>
    public static bool IsForging(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator ||
        rune.Value is 0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);
}
