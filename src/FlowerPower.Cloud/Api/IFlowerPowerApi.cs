using Refit;

namespace FlowerPower.Cloud.Api;

/// <summary>
/// The eight endpoints of the Flower Power Cloud, as Refit generates them: paths, query, form body and the bearer token
/// each resource request carries. Every method returns the raw response; reading, error mapping, token refresh and
/// retries belong to <see cref="CallRunner"/>.
/// </summary>
[Headers("Accept: application/json")]
internal interface IFlowerPowerApi
{
    [Post("/user/v1/authenticate")]
    Task<HttpResponseMessage> AuthenticateAsync(
        [Body(BodySerializationMethod.UrlEncoded)] Dictionary<string, string> form,
        CancellationToken cancellationToken);

    [Get("/user/v4/profile")]
    Task<HttpResponseMessage> GetProfileAsync([Authorize] string accessToken, CancellationToken cancellationToken);

    [Get("/user/v1/versions")]
    Task<HttpResponseMessage> GetVersionsAsync([Authorize] string accessToken, CancellationToken cancellationToken);

    [Get("/sensor_data/v6/sample/location/{locationIdentifier}")]
    Task<HttpResponseMessage> GetSamplesAsync(
        [Authorize] string accessToken,
        string locationIdentifier,
        [AliasAs("from_datetime_utc")] string fromDatetimeUtc,
        [AliasAs("to_datetime_utc")] string toDatetimeUtc,
        CancellationToken cancellationToken);

    [Get("/garden/v2/configuration")]
    Task<HttpResponseMessage> GetGardenConfigurationAsync(
        [Authorize] string accessToken,
        [AliasAs("include_s3_urls")] string? includeS3Urls,
        CancellationToken cancellationToken);

    [Get("/garden/v1/status")]
    Task<HttpResponseMessage> GetGardenStatusAsync([Authorize] string accessToken, CancellationToken cancellationToken);

    /// <summary>A bridge's upload; the body is JSON the client wrote with its context, sent as it is.</summary>
    [Put("/sensor_data/v8/sample")]
    Task<HttpResponseMessage> UploadSamplesAsync([Authorize] string accessToken, [Body] HttpContent body, CancellationToken cancellationToken);

    [Put("/garden/v1/status")]
    Task<HttpResponseMessage> UpdateGardenStatusAsync([Authorize] string accessToken, [Body] HttpContent body, CancellationToken cancellationToken);
}
