using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using FlowerPower.Cloud.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace FlowerPower.Cloud.Tests.Diagnostics;

/// <summary>
/// A client that has lived through 50 token rotations, then meets a server that echoes every secret it ever saw in
/// every shape: in an error message, an HTML 502 page, a cut-off body, a body of the wrong shape, a preview that
/// straddles its cut, the token endpoint's <c>error_description</c> and a mangled token answer. Nothing the client
/// emits (messages, <c>ToString()</c>, previews, logs, activities, metric tags) may show one of them.
/// </summary>
public sealed class LongRunLeakTests : IDisposable
{
    private const int Rotations = 50;
    private const int Lifetime = 600;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2019, 2, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly CapturingLoggerFactory _logs = new();
    private readonly List<string> _telemetry = [];
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private readonly List<string> _issued = [];
    private Func<HttpResponseMessage>? _tokenAnswer;
    private Func<HttpResponseMessage>? _resourceAnswer;

    public LongRunLeakTests()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FlowerPowerDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => Keep(
                activity.DisplayName + " " + activity.StatusDescription + " " +
                string.Join(" ", activity.TagObjects.Select(t => $"{t.Key}={t.Value}")) + " " +
                string.Join(" ", activity.Events.Select(e => e.Name + string.Join(" ", e.Tags.Select(t => $"{t.Key}={t.Value}"))))),
        };
        ActivitySource.AddActivityListener(_activities);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == FlowerPowerDiagnostics.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((_, _, tags, _) => KeepTags(tags));
        _meters.SetMeasurementEventCallback<double>((_, _, tags, _) => KeepTags(tags));
        _meters.SetMeasurementEventCallback<int>((_, _, tags, _) => KeepTags(tags));
        _meters.Start();
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_fifty_rotations_no_secret_ever_issued_shows_in_anything_the_client_emits()
    {
        var cloud = new InMemoryCloud(_ => (_tokenAnswer ?? IssueTokens)(), _ => (_resourceAnswer ?? Versions)());
        var options = TestCredentials.Options(new Uri("https://leak.flowerpower.test"));
        options.Retry.MaxRetryAttempts = 1;
        options.Retry.EnableCircuitBreaker = false;
        using var client = new FlowerPowerClient(options, _logs, timeProvider: _time, primaryHandler: cloud);

        for (var i = 0; i <= Rotations; i++)
        {
            await client.GetVersionsAsync(Ct);
            _time.Advance(TimeSpan.FromSeconds(Lifetime));
        }

        Assert.Equal(Rotations + 1, cloud.TokenRequests);
        string[] secrets = [TestCredentials.Password, TestCredentials.ClientSecret, .. _issued];
        Assert.Equal(2 + (2 * (Rotations + 1)), secrets.Length);

        var texts = new List<string>();
        foreach (var secret in secrets)
        {
            foreach (var (shape, answer) in ResourceEchoes(secret))
            {
                _resourceAnswer = answer;
                texts.AddRange(Texts(await Assert.ThrowsAnyAsync<FlowerPowerException>(() => client.GetVersionsAsync(Ct))));
            }

            _resourceAnswer = null;
            foreach (var (shape, answer) in TokenEchoes(secret))
            {
                _tokenAnswer = answer;
                _time.Advance(TimeSpan.FromSeconds(Lifetime));
                texts.AddRange(Texts(await Assert.ThrowsAnyAsync<FlowerPowerException>(() => client.GetVersionsAsync(Ct))));
            }

            _tokenAnswer = null;
        }

        texts.Add(_logs.AllText);
        lock (_telemetry)
        {
            texts.AddRange(_telemetry);
        }

        var all = string.Join(Environment.NewLine, texts);
        Assert.Contains("***", all, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.False(all.Contains(secret, StringComparison.Ordinal), $"{secret} leaked");
        }

        Assert.DoesNotContain(TestCredentials.Password[..3], all, StringComparison.Ordinal);
    }

    private static IEnumerable<(string Shape, Func<HttpResponseMessage> Answer)> ResourceEchoes(string secret)
    {
        yield return ("server message", () => Json(HttpStatusCode.BadRequest, $$"""{"errors":[{"error_code":9066,"error_message":"Missed parameter {{secret}}"}]}"""));
        yield return ("html 502", () => Text(HttpStatusCode.BadGateway, "text/html", $"<html><body>upstream said {secret}</body></html>"));
        yield return ("cut body", () => Json(HttpStatusCode.OK, $$"""{"user_config_version":1,"echo":"{{secret}}","garden_status_version"""));
        yield return ("wrong shape", () => Json(HttpStatusCode.OK, $$"""{"user_config_version":"{{secret}}"}"""));
        yield return ("straddling the cut", () => Text(HttpStatusCode.OK, "text/html", new string('x', 298) + secret + "</html>"));
    }

    private static IEnumerable<(string Shape, Func<HttpResponseMessage> Answer)> TokenEchoes(string secret)
    {
        yield return ("error_description", () => Json(HttpStatusCode.BadRequest, $$"""{"error":"invalid_grant","error_description":"grant {{secret}} is not valid"}"""));
        yield return ("mangled answer", () => Json(HttpStatusCode.OK, $$"""{"access_token":["{{secret}}"],"expires_in":60}"""));
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) => Text(status, "application/json", body);

    private static HttpResponseMessage Text(HttpStatusCode status, string mediaType, string body) =>
        InMemoryCloud.Answer(status, Encoding.UTF8.GetBytes(body), mediaType);

    private static HttpResponseMessage Versions() =>
        Json(HttpStatusCode.OK, """{"errors":[],"user_config_version":3,"garden_status_version":7,"server_identifier":"leak"}""");

    private static IEnumerable<string> Texts(FlowerPowerException exception)
    {
        yield return exception.ToString();
        if (exception is FlowerPowerApiException api)
        {
            yield return api.ServerMessage ?? string.Empty;
            foreach (var error in api.Errors)
            {
                yield return error.ErrorMessage ?? string.Empty;
            }
        }

        if (exception is FlowerPowerResponseException response)
        {
            yield return response.BodyPreview ?? string.Empty;
        }
    }

    private HttpResponseMessage IssueTokens()
    {
        var n = _issued.Count / 2;
        var access = $"ACCESS{n:D4}".PadRight(48, 'a');
        var refresh = $"REFRESH{n:D4}".PadRight(48, 'r');
        _issued.Add(access);
        _issued.Add(refresh);
        return Json(HttpStatusCode.OK, TestCredentials.TokenJson(access, refresh, Lifetime));
    }

    private void KeepTags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var text = new StringBuilder();
        foreach (var tag in tags)
        {
            text.Append(tag.Key).Append('=').Append(tag.Value).Append(' ');
        }

        Keep(text.ToString());
    }

    private void Keep(string text)
    {
        lock (_telemetry)
        {
            _telemetry.Add(text);
        }
    }
}
