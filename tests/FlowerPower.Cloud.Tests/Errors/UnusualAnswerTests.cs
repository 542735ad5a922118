using System.Net;
using FlowerPower.Cloud.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace FlowerPower.Cloud.Tests.Errors;

/// <summary>Answers outside testing found to escape untyped or to pass as success, over a real socket.</summary>
public sealed class UnusualAnswerTests : IDisposable
{
    private const string Status = "/garden/v1/status";
    private readonly StubCloud _cloud = new();

    public UnusualAnswerTests() => _cloud.WithPasswordGrant();

    public void Dispose() => _cloud.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FlowerPowerClient Client() => new(_cloud.Options(o => o.Retry.MaxRetryAttempts = 0));

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task A_body_labelled_compressed_that_is_not_is_a_response_exception(string encoding)
    {
        _cloud.Server.Given(Request.Create().WithPath(Status).UsingGet()).RespondWith(Response.Create()
            .WithStatusCode(200).WithHeader("Content-Type", "application/json").WithHeader("Content-Encoding", encoding)
            .WithBody(Fixtures.Read("bela_status.json")));
        using var client = Client();

        var error = await Assert.ThrowsAsync<FlowerPowerResponseException>(() => client.GetGardenStatusAsync(Ct));

        Assert.Contains("could not be read", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("The body is empty", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(502)]
    public async Task Half_a_surrogate_pair_in_an_error_message_is_read_as_written(int status)
    {
        _cloud.WithRefreshGrant();
        _cloud.WithGet(Status, """{"errors":[{"error_code":9000,"error_message":"\ud83d"}]}""", (HttpStatusCode)status);
        using var client = Client();

        var error = await Assert.ThrowsAnyAsync<FlowerPowerApiException>(() => client.GetGardenStatusAsync(Ct));

        Assert.Equal(9000, error.ErrorCode);
        Assert.Equal("\\ud83d", error.ServerMessage);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    public async Task A_measurement_no_number_can_hold_is_an_unreadable_answer(string light)
    {
        _cloud.WithGet("/sensor_data/v6/sample/location/x",
            $$"""{"errors":[],"samples":[{"capture_datetime_utc":"2019-01-01T10:00:00Z","light":{{light}}}]}""");
        using var client = Client();

        var error = await Assert.ThrowsAsync<FlowerPowerResponseException>(() => client.GetSamplesAsync(
            "x", new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2019, 1, 2, 0, 0, 0, TimeSpan.Zero), Ct));

        Assert.Contains("$.samples[0].light", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"errors":[null]}""", "reported 1 error without details")]
    [InlineData("""{"errors":[null,null],"locations":[]}""", "reported 2 errors without details")]
    public async Task Any_errors_array_with_elements_is_a_failure_even_of_nulls(string body, string expected)
    {
        _cloud.WithGet(Status, body);
        using var client = Client();

        var error = await Assert.ThrowsAsync<FlowerPowerApiException>(() => client.GetGardenStatusAsync(Ct));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Fact]
    public async Task A_preview_is_masked_before_it_is_cut()
    {
        var body = new string('x', ResponsePreviewChars - 2) + TestCredentials.Password + "</html>";
        _cloud.Server.Given(Request.Create().WithPath(Status).UsingGet()).RespondWith(Response.Create()
            .WithStatusCode(200).WithHeader("Content-Type", "text/html").WithBody(body));
        using var client = Client();

        var error = await Assert.ThrowsAsync<FlowerPowerResponseException>(() => client.GetGardenStatusAsync(Ct));

        Assert.StartsWith("xxxx", error.BodyPreview, StringComparison.Ordinal);
        Assert.EndsWith("...", error.BodyPreview, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCredentials.Password[..2], error.ToString(), StringComparison.Ordinal);
    }

    private static int ResponsePreviewChars => FlowerPower.Cloud.Api.ResponseReader.PreviewChars;
}
