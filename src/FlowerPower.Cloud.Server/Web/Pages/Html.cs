using System.Net;
using System.Text;

namespace FlowerPower.Cloud.Server.Web.Pages;

/// <summary>The web garden's page shell: the stylesheet, a header with the sign-out form, and text encoding.</summary>
internal static class Html
{
    /// <summary>A whole page around <paramref name="body"/>; with <paramref name="formToken"/>, a signed-in header with the sign-out button.</summary>
    public static string Page(string title, string body, string? formToken, string? who = null)
    {
        var page = new StringBuilder(body.Length + 1024);
        page.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Encode(title)).Append(" · Flower Power</title>")
            .Append("<link rel=\"stylesheet\" href=\"/garden.css\"></head><body><header><a class=\"home\" href=\"/\">Flower Power</a>");
        if (formToken is not null)
        {
            page.Append("<span class=\"who\">").Append(Encode(who)).Append("</span>")
                .Append("<form method=\"post\" action=\"/sign-out\"><input type=\"hidden\" name=\"form-token\" value=\"").Append(Encode(formToken))
                .Append("\"><button type=\"submit\">Sign out</button></form>");
        }

        return page.Append("</header><main>").Append(body).Append("</main></body></html>").ToString();
    }

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>
    /// The first character a person sees in <paramref name="name"/> (a whole grapheme: an emoji with its joiners and
    /// modifiers, a letter with its accents), upper case: never half of a surrogate pair.
    /// </summary>
    public static string Initial(string name) =>
        name.Length == 0 ? string.Empty : name[..System.Globalization.StringInfo.GetNextTextElementLength(name)].ToUpperInvariant();

    /// <summary>One labelled value, "Label: <b>value</b>", a dash when there is none.</summary>
    public static void Labeled(StringBuilder html, string label, string? value) =>
        html.Append("<span>").Append(label).Append(": <b>").Append(Encode(value ?? "—")).Append("</b></span>");

    /// <summary>
    /// A plant's alerts, most urgent first, each coloured by its severity; with <paramref name="staleAge"/> (how old the
    /// readings behind them are), each is marked stale, since the plant may need something else by now.
    /// </summary>
    public static void Alerts(StringBuilder html, IEnumerable<PlantAlert> alerts, string? staleAge = null)
    {
        foreach (var alert in alerts.OrderByDescending(a => a.Severity))
        {
            html.Append("<div class=\"alert ").Append(alert.Severity).Append(staleAge is null ? "\">" : " stale\">");
            if (staleAge is not null)
            {
                html.Append("<span class=\"tag\">stale: from readings ").Append(Encode(staleAge)).Append("</span> ");
            }

            html.Append(Encode(alert.Message)).Append("</div>");
        }
    }

    /// <summary>"Last reading: 3 hours ago", with the time itself in the owner's zone as a tooltip, marked when stale.</summary>
    public static void LastReading(StringBuilder html, DateTimeOffset at, DateTimeOffset now, UserProfile? profile) =>
        html.Append(ReadingAge.IsStale(at, now) ? "<p class=\"age stale\">" : "<p class=\"age\">")
            .Append("Last reading: <time datetime=\"").Append(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))
            .Append("\" title=\"").Append(Encode(FlowerPowerUnits.FormatTime(at, profile))).Append("\"><b>").Append(Encode(ReadingAge.Describe(at, now))).Append("</b></time></p>");
}
