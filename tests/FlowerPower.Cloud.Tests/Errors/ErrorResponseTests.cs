using System.Net;
using FlowerPower.Cloud.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace FlowerPower.Cloud.Tests.Errors;

/// <summary>Failures as they arrive on the wire, through the real client.</summary>
public sealed class ErrorResponseTests : IDisposable
{
    private readonly StubCloud _cloud = new();

    public ErrorResponseTests() => _cloud.WithPasswordGrant();

    public void Dispose() => _cloud.Dispose();

    private FlowerPowerClient Client() => new(_cloud.Options(o => o.Retry.MaxRetryAttempts = 0));

    [Fact]
    public async Task Errors_array_in_an_http_200_body_throws_not_found()
    {
        _cloud.WithGet("/sensor_data/v6/sample/location/nope",
            """{"samples":[],"errors":[{"error_code":9000,"error_message":"The requested garden location does not exist"}],"server_identifier":"2.1.18"}""");
        using var client = Client();

        var error = await Assert.ThrowsAsync<FlowerPowerNotFoundException>(() => client.GetSamplesAsync(
            "nope", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), TestContext.Current.CancellationToken));

        Assert.Equal(9000, error.ErrorCode);
        Assert.Equal("UNKNOWN_LOCATION", error.ErrorName);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal("2.1.18", error.ServerIdentifier);
        Assert.Equal("GetSamples", error.Operation);
        Assert.StartsWith("GetSamples failed: UNKNOWN_LOCATION (9000): The requested garden location does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_code_sent_as_a_numeric_string_is_read()
    {
        _cloud.WithGet("/garden/v1/status", """{"errors":[{"error_code":"9048","error_message":"too large"}]}""", HttpStatusCode.BadRequest);
        using var client = Client();

        var error = await Assert.ThrowsAsync<FlowerPowerValidationException>(() => client.GetGardenStatusAsync(TestContext.Current.CancellationToken));

        Assert.Equal(9048, error.ErrorCode);
        Assert.Equal("REQUEST_DATE_SPAN_TOO_LARGE", error.ErrorName);
    }

    [Fact]
    public async Task Unknown_code_still_gives_an_api_exception_carrying_the_number()
    {
        _cloud.WithGet("/garden/v1/status", """{"errors":[{"error_code":4242,"error_message":"new failure"}]}""");
        using var client = Client();

        var error = await Assert.ThrowsAsync<FlowerPowerApiException>(() => client.GetGardenStatusAsync(TestContext.Current.CancellationToken));

        Assert.Equal(4242, error.ErrorCode);
        Assert.Null(error.ErrorName);
        Assert.Contains("new failure", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_code_in_a_404_falls_back_to_the_status()
    {
        _cloud.WithGet("/garden/v1/status", """{"errors":[{"error_code":4242}]}""", HttpStatusCode.NotFound);
        using var client = Client();

        var error = await Assert.ThrowsAsync<FlowerPowerNotFoundException>(() => client.GetGardenStatusAsync(TestContext.Current.CancellationToken));

        Assert.Equal(4242, error.ErrorCode);
    }

    [Fact]
    public async Task Html_502_gateway_page_is_a_server_exception_with_the_start_of_the_page()
    {
        _cloud.Server.Given(Request.Create().WithPath("/garden/v1/status").UsingGet()).RespondWith(Response.Create()
            .WithStatusCode(502).WithHeader("Content-Type", "text/html")
            .WithBody("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>"));
        using var client = Client();

        var error = await Assert.ThrowsAsync<FlowerPowerServerException>(() => client.GetGardenStatusAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Null(error.ErrorCode);
        Assert.Contains("<title>502 Bad Gateway</title>", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 attempt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_500_is_a_server_exception()
    {
        _cloud.Server.Given(Request.Create().WithPath("/garden/v1/status").UsingGet()).RespondWith(Response.Create().WithStatusCode(500));
        using var client = Client();

        var error = await Assert.ThrowsAsync<FlowerPowerServerException>(() => client.GetGardenStatusAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(FlowerPowerErrorCategory.Server, error.Category);
    }

    [Fact]
    public async Task Truncated_json_is_a_response_exception_with_the_start_of_the_body()
    {
        var full = Fixtures.Read("bela_status.json");
        _cloud.WithGet("/garden/v1/status", full[..(full.Length / 2)]);
        using var client = Client();

        var error = await Assert.ThrowsAsync<FlowerPowerResponseException>(() => client.GetGardenStatusAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.StartsWith("{", error.BodyPreview, StringComparison.Ordinal);
        Assert.Contains("could not be read", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
    }

    [Fact]
    public async Task Html_in_a_200_is_a_response_exception()
    {
        _cloud.Server.Given(Request.Create().WithPath("/user/v4/profile").UsingGet()).RespondWith(Response.Create()
            .WithStatusCode(200).WithHeader("Content-Type", "text/html").WithBody("<!DOCTYPE html><html>maintenance</html>"));
        using var client = Client();

        var error = await Assert.ThrowsAsync<FlowerPowerResponseException>(() => client.GetProfileAsync(TestContext.Current.CancellationToken));

        Assert.Equal("text/html", error.ContentType);
        Assert.Contains("maintenance", error.BodyPreview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_200_is_a_response_exception()
    {
        _cloud.Server.Given(Request.Create().WithPath("/user/v4/profile").UsingGet()).RespondWith(Response.Create().WithStatusCode(200));
        using var client = Client();

        var error = await Assert.ThrowsAsync<FlowerPowerResponseException>(() => client.GetProfileAsync(TestContext.Current.CancellationToken));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"locations":{"not":"an array"}}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"locations":[{"total_sample_count":"many"}]}""")]
    public async Task Valid_json_of_the_wrong_shape_is_a_response_exception(string body)
    {
        _cloud.WithGet("/garden/v1/status", body);
        using var client = Client();

        var error = await Assert.ThrowsAsync<FlowerPowerResponseException>(() => client.GetGardenStatusAsync(TestContext.Current.CancellationToken));

        Assert.Contains("invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"error":"invalid_grant"}""", "invalid_grant")]
    [InlineData("""{"error":"invalid_client"}""", "invalid_client")]
    [InlineData("""{"error":"invalid_request","error_description":"missing 'grant_type' parameter"}""", "invalid_request")]
    public async Task OAuth_errors_become_authentication_exceptions_with_the_oauth_error(string body, string oauthError)
    {
        using var cloud = new StubCloud();
        cloud.Server.Given(StubCloud.Token("password")).RespondWith(StubCloud.Json(body, HttpStatusCode.BadRequest));
        using var client = new FlowerPowerClient(cloud.Options());

        var error = await Assert.ThrowsAsync<FlowerPowerAuthenticationException>(() => client.GetProfileAsync(TestContext.Current.CancellationToken));

        Assert.Equal(oauthError, error.OAuthError);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("Authenticate", error.Operation);
        Assert.Contains(oauthError, error.Message, StringComparison.Ordinal);
        if (body.Contains("error_description", StringComparison.Ordinal))
        {
            Assert.Equal("missing 'grant_type' parameter", error.ServerMessage);
        }

        Assert.Single(cloud.TokenRequests());
        Assert.Empty(cloud.Requests("/user/v4/profile"));
    }

    [Fact]
    public async Task Rate_limit_exception_carries_retry_after()
    {
        _cloud.Server.Given(Request.Create().WithPath("/garden/v1/status").UsingGet()).RespondWith(Response.Create()
            .WithStatusCode(429).WithHeader("Retry-After", "7"));
        using var client = Client();

        var error = await Assert.ThrowsAsync<FlowerPowerRateLimitException>(() => client.GetGardenStatusAsync(TestContext.Current.CancellationToken));

        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public async Task Unreachable_server_is_a_transport_exception()
    {
        var options = _cloud.Options(o => o.Retry.MaxRetryAttempts = 0);
        _cloud.Dispose();
        using var client = new FlowerPowerClient(options);

        var error = await Assert.ThrowsAsync<FlowerPowerTransportException>(() => client.GetGardenStatusAsync(TestContext.Current.CancellationToken));

        Assert.Equal("Authenticate", error.Operation);
        Assert.False(error.IsTimeout);
    }

    [Fact]
    public async Task A_connection_cut_mid_body_is_a_typed_exception()
    {
        _cloud.Server.Given(Request.Create().WithPath("/garden/v1/status").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithFault(FaultType.MALFORMED_RESPONSE_CHUNK));
        using var client = Client();

        var error = await Assert.ThrowsAnyAsync<FlowerPowerException>(() => client.GetGardenStatusAsync(TestContext.Current.CancellationToken));

        Assert.True(error is FlowerPowerTransportException or FlowerPowerResponseException, error.GetType().Name);
        Assert.Equal("GetGardenStatus", error.Operation);
    }
}
