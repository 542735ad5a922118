using System.Net;
using System.Text;
using CsCheck;
using FlowerPower.Cloud.Server.Hosting;
using FlowerPower.Cloud.Tests.Server.Fuzzing;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// Thousands of generated requests (CsCheck, fixed seed): uploads, status updates and token forms, each a real one
/// changed in one way. None is answered 5xx, some are accepted and some refused (so the generator reaches both), and
/// the garden status still answers afterwards.
/// </summary>
public sealed class ServerFuzzTests
{
    private const ulong Seed = 0x5EED_F10E_2026;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(TestDatabase.Sqlite, 1500, 500, 250)]
    [InlineData(TestDatabase.Postgres, 600, 200, 100)]
    public async Task No_generated_upload_status_update_or_token_form_is_answered_5xx_and_the_status_still_answers(
        string kind, int uploads, int statusUpdates, int tokenForms)
    {
        await using var session = await ServerSession.StartAsync(
            kind, options: new ServerOptions { Urls = "http://127.0.0.1:0", Allowances = new() { SignInBurstPerAddress = 100_000, SignInsPerMinutePerAddress = 100_000 } });
        using var bridge = await UploadTests.BridgeAsync(session, ServerSession.Alice);
        using var anonymous = new HttpClient { BaseAddress = session.Server.BaseAddress };
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-5);
        var upload = new BridgeUpload(ServerSession.AliceSensor, start, now).Json();
        var status = UploadTests.StatusJson(session.AliceLocation, BridgeUpload.Stamp(now));
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = ServerSession.Alice, ["password"] = "wrong-password",
            ["client_id"] = ServerSession.ClientId, ["client_secret"] = ServerSession.ClientSecret,
        };
        var outcomes = new Dictionary<string, int>();
        var failures = new List<string>();

        async Task Send(string what, RequestCase generated, Func<Task<HttpResponseMessage>> request)
        {
            using var response = await request();
            var code = (int)response.StatusCode;
            var key = $"{what} {code}";
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
            if (code >= 500)
            {
                failures.Add($"{what} {generated}: {code} {await response.Content.ReadAsStringAsync(Ct)}");
            }
        }

        foreach (var generated in Cases(uploads, "upload"))
        {
            await Send("upload", generated, () => UploadTests.PutAsync(bridge, "sensor_data/v8/sample", generated.Mutate(upload)));
        }

        foreach (var generated in Cases(statusUpdates, "status"))
        {
            await Send("status", generated, () => UploadTests.PutAsync(bridge, "garden/v1/status", generated.Mutate(status)));
        }

        foreach (var generated in Cases(tokenForms, "token"))
        {
            await Send("token", generated, () => anonymous.PostAsync(
                "user/v1/authenticate", new StringContent(generated.Mutate(form), Encoding.UTF8, "application/x-www-form-urlencoded"), Ct));
        }

        using var client = new FlowerPowerClient(session.Options(ServerSession.Bob));
        var afterwards = await client.GetGardenStatusAsync(Ct);
        using var aliceStatus = await bridge.GetAsync("garden/v1/status", Ct);

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(10)));
        Assert.Single(afterwards.Locations);
        Assert.Equal(HttpStatusCode.OK, aliceStatus.StatusCode);
        var summary = string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}: {o.Value}"));
        Assert.True(outcomes.GetValueOrDefault("upload 200") > 0, summary);
        Assert.True(outcomes.GetValueOrDefault("upload 400") > 0, summary);
        Assert.True(outcomes.GetValueOrDefault("status 200") > 0, summary);
        Assert.True(outcomes.GetValueOrDefault("status 400") > 0, summary);
        Assert.True(outcomes.GetValueOrDefault("token 400") > 0, summary);
    }

    private static IEnumerable<RequestCase> Cases(int count, string salt)
    {
        var pcg = new PCG((uint)(Seed ^ (ulong)salt.Aggregate(2166136261u, (hash, c) => (hash ^ c) * 16777619u)));
        for (var i = 0; i < count; i++)
        {
            yield return RequestCase.Gen.Generate(pcg, null, out _);
        }
    }
}
