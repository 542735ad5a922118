using System.Net;
using FlowerPower.Cloud.Server.Administration;
using FlowerPower.Cloud.Server.CommandLine;
using FlowerPower.Cloud.Server.Web.Pages;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// Text an owner or a stranger types never turns into something else where it is shown: a name that could forge or
/// reverse a line is refused where it is made and escaped in every log line; a nickname that starts like a formula
/// is neutralised in the CSV a spreadsheet opens; a nickname that starts with an emoji keeps it whole on its card.
/// </summary>
public sealed class TextSafetyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("users|add|eve@example.invalid\nFAKE|--password|garden-password-1", "U+000A")]
    [InlineData("users|add|eve\u2028forged@example.invalid|--password|garden-password-1", "U+2028")]
    [InlineData("users|add|eve\u0085forged@example.invalid|--password|garden-password-1", "U+0085")]
    [InlineData("locations|add|--user|alice@example.invalid|--nickname|Basil\u202Egpj.exe", "U+202E")]
    [InlineData("locations|add|--user|alice@example.invalid|--nickname|Basil\r\nbob@example.invalid  UTC  9 location(s)", "U+000D")]
    public async Task A_name_that_could_forge_or_reverse_a_line_is_refused_where_it_is_made(string command, string named)
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        var error = new StringWriter();
        var args = command.Split('|');

        var exit = await ServerCommandLine.RunAsync([.. session.Database.Arguments, .. args], TextWriter.Null, error, Ct, new StringReader(string.Empty), new CapturingLoggerFactory());
        var listed = new StringWriter();
        await ServerCommandLine.RunAsync([.. session.Database.Arguments, "users", "list"], listed, TextWriter.Null, Ct, null, new CapturingLoggerFactory());

        Assert.Equal(2, exit);
        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, listed.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains('@', StringComparison.Ordinal)));
    }

    [Fact]
    public void Emoji_and_letters_of_every_script_are_names_like_any_other() =>
        Assert.All(["👩‍🌾 Farm", "Фикус", "山茶花", "Ficus 🌵", "Zoë"], name => Assert.Null(FlowerPower.Cloud.Server.Accounts.AccountNames.Problem(name, "nickname")));

    [Fact]
    public async Task A_user_name_that_could_forge_a_log_line_is_escaped_in_the_servers_log()
    {
        var logs = new CapturingLoggerFactory();
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        var server = await session.AddServerAsync(loggers: new EscapingLoggerFactory(logs));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var forged = "nobody@example.invalid\u20282026-12-02T10:00:00.000Z info: FlowerPower.Cloud.Audit[2001] Sign-in of admin\u0085\u202Egpj.exe";

        using var answer = await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(ServerSession.PasswordForm(forged, "wrong-password")), Ct);

        var line = Assert.Single(logs.Lines, l => l.EventId.Id == FlowerPower.Cloud.Wire.CloudEvents.SignInFailed.Id).Message;
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.DoesNotContain('\u2028', line);
        Assert.DoesNotContain('\u0085', line);
        Assert.DoesNotContain('\u202E', line);
        Assert.Contains("nobody@example.invalid\\u20282026-12-02", line, StringComparison.Ordinal);
        Assert.Contains("admin\\u0085\\u202Egpj.exe", line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_escaping_logger_leaves_clean_text_alone_and_escapes_each_forging_character()
    {
        Assert.Equal("Sign-in of ana@example.invalid 👩‍🌾 from 127.0.0.1", EscapingLoggerFactory.Escape("Sign-in of ana@example.invalid 👩‍🌾 from 127.0.0.1"));
        Assert.Equal("a\\u000Ab\\u000Dc\\u2029d\\u200Fe", EscapingLoggerFactory.Escape("a\nb\rc\u2029d\u200Fe"));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")", "'=HYPERLINK(\"http://evil.example\",\"x\")")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("Basil", "Basil")]
    [InlineData("Basil = herb", "Basil = herb")]
    public void A_text_cell_that_starts_like_a_formula_is_neutralised(string text, string cell) =>
        Assert.Equal(cell, SampleCsv.Text(text));

    [Fact]
    public async Task A_plants_csv_never_hands_a_spreadsheet_its_nickname_as_a_formula()
    {
        const string Sensor = "PI040307AD5G2000EE";
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        var location = await new AccountAdmin(session.OpenDatabase(), TimeProvider.System).AddLocationAsync(ServerSession.Alice, "=HYPERLINK(\"http://evil.example\")", Sensor, null, true, Ct);
        using var bridge = await UploadTests.BridgeAsync(session, ServerSession.Alice);
        var now = DateTimeOffset.UtcNow;
        (await UploadTests.PutAsync(bridge, "sensor_data/v8/sample", new BridgeUpload(Sensor, now.AddHours(-3), now).Json())).Dispose();
        using var browser = await session.BrowserAsync();

        var csv = await browser.GetStringAsync($"/plants/{location}/samples.csv?span=day", Ct);
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();

        Assert.Equal(6, rows.Count);
        Assert.All(rows, row => Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\")\",", row, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("🌵 Cactus", "🌵")]
    [InlineData("👩‍🌾 Farm", "👩‍🌾")]
    [InlineData("élan", "É")]
    [InlineData("Basil", "B")]
    [InlineData("", "")]
    public void A_cards_initial_is_a_whole_character(string name, string initial) =>
        Assert.Equal(initial, Html.Initial(name));

    [Fact]
    public async Task A_nickname_that_starts_with_an_emoji_keeps_it_whole_on_its_card()
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        await new AccountAdmin(session.OpenDatabase(), TimeProvider.System).AddLocationAsync(ServerSession.Alice, "🌵 Cactus", null, null, true, Ct);
        using var browser = await session.BrowserAsync();

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/", Ct));

        Assert.Contains("aria-hidden=\"true\">🌵</div>", page, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', page);
    }
}
