using System.Net;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Api;

/// <summary>For each endpoint: the exact request on the wire and the typed result.</summary>
public sealed class EndpointContractTests : IDisposable
{
    private readonly StubCloud _cloud = new();

    public EndpointContractTests() => _cloud.WithPasswordGrant();

    public void Dispose() => _cloud.Dispose();

    [Fact]
    public async Task Authenticate_posts_the_password_grant_as_a_form_body_with_no_secret_in_the_url()
    {
        _cloud.WithGet("/user/v1/versions", StubCloud.EmptyEnvelope);
        using var client = new FlowerPowerClient(_cloud.Options());

        await client.GetVersionsAsync(TestContext.Current.CancellationToken);

        var token = Assert.Single(_cloud.TokenRequests());
        Assert.Equal("POST", token.Method);
        Assert.Equal("/user/v1/authenticate", token.Path);
        Assert.True(string.IsNullOrEmpty(token.RawQuery), $"query was '{token.RawQuery}'");
        Assert.StartsWith("application/x-www-form-urlencoded", token.Headers!["Content-Type"].Single(), StringComparison.Ordinal);
        Assert.False(token.Headers.ContainsKey("Authorization"));
        var form = ParseForm(token.Body!);
        Assert.Equal("password", form["grant_type"]);
        Assert.Equal(TestCredentials.Username, form["username"]);
        Assert.Equal(TestCredentials.Password, form["password"]);
        Assert.Equal(TestCredentials.ClientId, form["client_id"]);
        Assert.Equal(TestCredentials.ClientSecret, form["client_secret"]);
    }

    [Fact]
    public async Task GetProfile_sends_a_bearer_get_and_reads_the_profile()
    {
        _cloud.WithGet("/user/v4/profile", Fixtures.Read("barnabas_profile.json"));
        using var client = new FlowerPowerClient(_cloud.Options());

        var profile = await client.GetProfileAsync(TestContext.Current.CancellationToken);

        var request = AssertResourceGet("/user/v4/profile");
        Assert.True(string.IsNullOrEmpty(request.RawQuery));
        Assert.Equal("Europe/Budapest", profile.UserProfile!.UtcTimezone);
        Assert.Equal(332, profile.GardenStatusVersion);
    }

    [Fact]
    public async Task GetVersions_reads_the_version_numbers()
    {
        _cloud.WithGet("/user/v1/versions", """{"errors":[],"server_identifier":"s","user_config_version":"150","garden_status_version":332}""");
        using var client = new FlowerPowerClient(_cloud.Options());

        var versions = await client.GetVersionsAsync(TestContext.Current.CancellationToken);

        AssertResourceGet("/user/v1/versions");
        Assert.Equal(150, versions.UserConfigVersion);
        Assert.Equal(332, versions.GardenStatusVersion);
        Assert.Equal("s", versions.ServerIdentifier);
    }

    [Fact]
    public async Task GetGardenConfiguration_sends_no_query_by_default_and_include_s3_urls_when_asked()
    {
        _cloud.WithGet("/garden/v2/configuration", Fixtures.Read("bela_configuration.json"));
        using var client = new FlowerPowerClient(_cloud.Options());

        var garden = await client.GetGardenConfigurationAsync(TestContext.Current.CancellationToken);
        await client.GetGardenConfigurationAsync(includeS3Urls: true, TestContext.Current.CancellationToken);

        var requests = _cloud.Requests("/garden/v2/configuration");
        Assert.Equal(2, requests.Count);
        Assert.True(string.IsNullOrEmpty(requests[0].RawQuery));
        Assert.Equal("true", requests[1].Query!["include_s3_urls"].Single());
        var location = Assert.Single(garden.Locations);
        Assert.Equal("PI040297AD5J211055", location.Sensor!.SensorSerial);
        Assert.Equal(4, location.Sensor.Color);
        Assert.Null(location.MainPlantId);
    }

    [Fact]
    public async Task GetGardenStatus_reads_every_location()
    {
        _cloud.WithGet("/garden/v1/status", Fixtures.Read("barnabas_status.json"));
        using var client = new FlowerPowerClient(_cloud.Options());

        var status = await client.GetGardenStatusAsync(TestContext.Current.CancellationToken);

        AssertResourceGet("/garden/v1/status");
        Assert.Equal(47, status.Locations.Count);
    }

    [Fact]
    public async Task GetSamples_sends_utc_bounds_in_the_wire_format_whatever_the_callers_offset()
    {
        _cloud.WithGet("/sensor_data/v6/sample/location/loc-1", Fixtures.Read("barnabas_data.json"));
        using var client = new FlowerPowerClient(_cloud.Options());
        var from = new DateTimeOffset(2018, 11, 9, 16, 0, 0, TimeSpan.FromHours(1));
        var to = new DateTimeOffset(2018, 11, 9, 19, 30, 0, TimeSpan.FromHours(2));

        var samples = await client.GetSamplesAsync("loc-1", from, to, TestContext.Current.CancellationToken);

        var request = AssertResourceGet("/sensor_data/v6/sample/location/loc-1");
        Assert.Equal("2018-11-09T15:00:00Z", request.Query!["from_datetime_utc"].Single());
        Assert.Equal("2018-11-09T17:30:00Z", request.Query["to_datetime_utc"].Single());
        Assert.Equal(3, samples.Samples.Count);
        Assert.Equal(8.69, samples.Samples[0].AirTemperatureCelsius);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a?b=c")]
    [InlineData("a#b")]
    [InlineData("a b")]
    [InlineData("../../user/v4/profile")]
    public async Task Location_identifier_is_escaped_as_one_path_segment(string identifier)
    {
        using var client = new FlowerPowerClient(_cloud.Options(o => o.Retry.MaxRetryAttempts = 0));

        await Assert.ThrowsAnyAsync<FlowerPowerException>(() => client.GetSamplesAsync(
            identifier, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1), TestContext.Current.CancellationToken));

        var request = _cloud.Log.Select(e => e.RequestMessage!).Single(r => r.Path != "/user/v1/authenticate");
        var rawPath = new Uri(request.AbsoluteUrl).AbsolutePath;
        Assert.Equal(5, rawPath.Trim('/').Split('/').Length);
        Assert.Equal("/sensor_data/v6/sample/location/" + identifier, Uri.UnescapeDataString(rawPath));
        Assert.Equal(["from_datetime_utc", "to_datetime_utc"], request.Query!.Keys.Order());
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Location_identifier_that_could_leave_its_segment_is_refused_before_any_request(string identifier)
    {
        using var client = new FlowerPowerClient(_cloud.Options());

        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.GetSamplesAsync(
            identifier, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1), TestContext.Current.CancellationToken));

        Assert.Empty(_cloud.Log);
    }

    private WireMock.IRequestMessage AssertResourceGet(string path)
    {
        var request = _cloud.Requests(path).Last();
        Assert.Equal("GET", request.Method);
        Assert.Equal("Bearer " + TestCredentials.AccessToken1, request.Headers!["Authorization"].Single());
        Assert.Contains("application/json", request.Headers["Accept"].Single(), StringComparison.Ordinal);
        Assert.StartsWith("FlowerPower.Cloud/", request.Headers["User-Agent"].Single(), StringComparison.Ordinal);
        return request;
    }

    private static Dictionary<string, string> ParseForm(string body) =>
        body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p[1]));
}
