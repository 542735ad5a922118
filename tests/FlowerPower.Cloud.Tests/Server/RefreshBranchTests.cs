using System.Net;
using System.Text.Json;
using FlowerPower.Cloud.Server.Accounts;
using FlowerPower.Cloud.Server.Hosting;
using FlowerPower.Cloud.Server.Limits;
using FlowerPower.Cloud.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// A refresh token redeemed again within the grace period replaces the successor it was given the first time instead
/// of adding a live branch: however often a client retries, its sign-in has one valid refresh token (OAuth 2.0
/// Security BCP). A retry after the successor was used, or after the grace period, is a replay and ends the family.
/// </summary>
public sealed class RefreshBranchTests
{
    private static readonly DateTimeOffset Spent = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Fifty_redemptions_of_one_token_within_the_grace_period_leave_one_live_branch(string kind)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var session = await ServerSession.StartAsync(
            kind, time, options: new ServerOptions { Urls = "http://127.0.0.1:0", Allowances = new Allowances { SignInBurstPerAddress = 100 } });
        using var http = new HttpClient { BaseAddress = session.Server.BaseAddress };
        var refresh = (await TokensAsync(http, ServerSession.PasswordForm())).Refresh;

        var issued = new List<(string Access, string Refresh)>();
        for (var i = 0; i < 50; i++)
        {
            issued.Add(await TokensAsync(http, ServerSession.RefreshForm(refresh)));
            time.Advance(TimeSpan.FromMilliseconds(500));
        }

        var live = new List<int>();
        for (var i = 0; i < issued.Count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "user/v1/versions");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", issued[i].Access);
            using var answer = await http.SendAsync(request, Ct);
            if (answer.StatusCode == HttpStatusCode.OK)
            {
                live.Add(i);
            }
        }

        await using var connection = await session.OpenDatabase().OpenAsync(Ct);
        var refreshTokens = await FlowerPower.Cloud.Server.Storage.Db.ScalarAsync<long>(connection, null, "SELECT COUNT(*) FROM tokens WHERE kind = 'refresh' AND spent_ms IS NULL", Ct);
        var last = await TokensAsync(http, ServerSession.RefreshForm(issued[^1].Refresh));

        Assert.Equal([49], live);
        Assert.Equal(1, refreshTokens);
        Assert.NotEmpty(last.Refresh);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_retry_after_the_successor_was_used_is_a_replay_and_ends_the_family(string kind)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var session = await ServerSession.StartAsync(kind, time);
        using var http = new HttpClient { BaseAddress = session.Server.BaseAddress };
        var first = await TokensAsync(http, ServerSession.PasswordForm());
        var second = await TokensAsync(http, ServerSession.RefreshForm(first.Refresh));
        var third = await TokensAsync(http, ServerSession.RefreshForm(second.Refresh));

        using var replay = await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(ServerSession.RefreshForm(first.Refresh)), Ct);
        using var afterwards = await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(ServerSession.RefreshForm(third.Refresh)), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, afterwards.StatusCode);
    }

    [Fact]
    public void A_first_redemption_issues_the_next_pair() =>
        Assert.Equal(RefreshDecision.Issue, TokenPolicy.Decide(null, successorSpent: false, Spent));

    [Theory]
    [InlineData(0, false, "ReplaceSuccessor")]
    [InlineData(59, false, "ReplaceSuccessor")]
    [InlineData(60, false, "ReplaceSuccessor")]
    [InlineData(61, false, "RevokeFamily")]
    [InlineData(10, true, "RevokeFamily")]
    [InlineData(86_400, false, "RevokeFamily")]
    public void A_second_redemption_replaces_the_successor_only_within_the_grace_and_while_it_is_unused(int secondsLater, bool successorSpent, string expected) =>
        Assert.Equal(Enum.Parse<RefreshDecision>(expected), TokenPolicy.Decide(Spent, successorSpent, Spent.AddSeconds(secondsLater)));

    private static async Task<(string Access, string Refresh)> TokensAsync(HttpClient http, Dictionary<string, string> form)
    {
        using var answer = await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(form), Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var root = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct)).RootElement;
        return (root.GetProperty("access_token").GetString()!, root.GetProperty("refresh_token").GetString()!);
    }
}
