using System.Text;
using FlowerPower.Cloud.Wire.Uploads;
using FlowerPower.Cloud.Wire.Writers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace FlowerPower.Cloud.Wire;

/// <summary>
/// The cloud's endpoints and rules on ASP.NET Core minimal APIs, over an <see cref="ICloudStore"/>: the one wire
/// implementation the emulator and the self-hosted server share. Token endpoints (v1, v2, v3; POST body, GET body or
/// query), the bearer guard with the 8008 answer, the four garden reads, and the samples endpoint's date rules.
/// </summary>
internal static class CloudEndpoints
{
    public const string Json = "application/json";

    public static readonly string[] TokenPaths = ["/user/v1/authenticate", "/user/v2/authenticate", "/user/v3/authenticate"];

    /// <summary>
    /// Ends a session (RFC 7009's revocation, which the cloud never had): a form with <c>token</c> (a refresh token),
    /// <c>client_id</c> and <c>client_secret</c>; answered 200 whether or not the token was live, as RFC 7009 says.
    /// </summary>
    public const string RevokePath = "/user/v1/revoke";

    private const string UserKey = "FlowerPower.UserId";

    /// <summary>Maps the endpoints. <paramref name="store"/> gives the store that serves a request.</summary>
    /// <param name="app">The host.</param>
    /// <param name="store">The store that serves a request.</param>
    /// <param name="limits">What a request may bring; the defaults when null.</param>
    /// <param name="notTheWire">Requests the host serves besides the wire (the server's web garden), which the bearer guard lets through.</param>
    public static void Map(WebApplication app, Func<HttpContext, ICloudStore> store, CloudLimits? limits = null, Func<HttpContext, bool>? notTheWire = null)
    {
        limits ??= new CloudLimits();
        var audit = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(CloudEvents.AuditCategory);
        app.Use((context, next) => notTheWire?.Invoke(context) == true ? next(context) : GuardAsync(context, next, store(context)));
        app.MapPost(RevokePath, (Delegate)((HttpContext context) => RevokeAsync(context, store(context), limits, audit)));

        foreach (var path in TokenPaths)
        {
            app.MapMethods(path, ["GET", "POST"], (Delegate)((HttpContext context) => AuthenticateAsync(context, store(context), limits, audit)));
        }

        // Each handler takes the request's CancellationToken besides the context, so none is mistaken for a
        // RequestDelegate (whose result ASP.NET Core would drop).
        app.MapGet("/user/v4/profile", async (HttpContext context, CancellationToken ct) =>
        {
            var cloud = store(context);
            var user = UserOf(context);
            return Ok(ProfileWriter.Profile(await cloud.GetProfileAsync(user, ct), await cloud.GetVersionsAsync(user, ct)));
        });
        app.MapGet("/user/v1/versions", async (HttpContext context, CancellationToken ct) =>
            Ok(ProfileWriter.Versions(await store(context).GetVersionsAsync(UserOf(context), ct))));
        app.MapGet("/garden/v2/configuration", async (HttpContext context, CancellationToken ct) =>
        {
            var cloud = store(context);
            var user = UserOf(context);
            var locations = await cloud.GetLocationsAsync(user, ct);
            return Ok(ConfigurationWriter.Write(
                locations, await cloud.GetVersionsAsync(user, ct), IsTrue(context.Request.Query["include_s3_urls"]), cloud.Time.GetUtcNow()));
        });
        app.MapGet("/garden/v1/status", async (HttpContext context, CancellationToken ct) =>
        {
            var cloud = store(context);
            var user = UserOf(context);
            return Ok(StatusWriter.Write(await cloud.GetHistoriesAsync(user, ct), await cloud.GetVersionsAsync(user, ct)));
        });
        app.MapGet("/sensor_data/v6/sample/location/{locationIdentifier}", (string locationIdentifier, HttpContext context, CancellationToken ct) =>
            SamplesAsync(store(context), UserOf(context), locationIdentifier, context.Request.Query, ct));
        app.MapPut("/sensor_data/v8/sample", (HttpContext context, CancellationToken ct) => UploadAsync(context, store(context), limits.UploadBytes, limits.BodyReadTime, audit, async (cloud, user, body, now) =>
        {
            var request = UploadParser.ParseSamples(body, now, limits.MaxJsonDepth, limits.UploadsPerBody);
            var batches = UploadParser.Decode(request, now);
            if (limits.Throttle is { } throttle && await throttle.BeforeUploadAsync(user, Math.Max(1, request.Uploads.Count), ct) is { } wait)
            {
                throw new UploadThrottled(wait);
            }

            await cloud.StoreUploadAsync(user, request, batches, ct);
            foreach (var batch in batches)
            {
                audit.LogInformation(
                    CloudEvents.UploadStored, "Upload for user {UserId}: sensor {Sensor}, {Samples} samples, history index {HistoryIndex}",
                    user, batch.SensorSerial, batch.Samples.Count, batch.CurrentHistoryIndex);
            }
        }));
        app.MapPut("/garden/v1/status", (HttpContext context, CancellationToken ct) => UploadAsync(context, store(context), limits.StatusUpdateBytes, limits.BodyReadTime, audit, (cloud, user, body, now) =>
            cloud.StoreStatusUpdatesAsync(user, body, UploadParser.ParseStatus(body, now, limits.MaxJsonDepth, limits.StatusUpdatesPerBody), ct)));
    }

    /// <summary>The user a guarded request was authenticated as.</summary>
    public static long UserOf(HttpContext context) => (long)context.Items[UserKey]!;

    /// <summary>The user a request was authenticated as, or null (a token request, a refused one).</summary>
    public static long? TryUserOf(HttpContext context) => context.Items.TryGetValue(UserKey, out var user) ? (long?)user : null;

    public static IResult Ok(string json) => Results.Text(json, Json, Encoding.UTF8, StatusCodes.Status200OK);

    public static IResult BadRequest(string json) => Results.Text(json, Json, Encoding.UTF8, StatusCodes.Status400BadRequest);

    /// <summary>Every path but the token endpoints needs a valid bearer token; without one, 401 with 8008.</summary>
    private static async Task GuardAsync(HttpContext context, RequestDelegate next, ICloudStore store)
    {
        if (TokenPaths.Contains(context.Request.Path.Value, StringComparer.OrdinalIgnoreCase) || string.Equals(context.Request.Path.Value, RevokePath, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var user = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header[7..].Trim() is { Length: > 0 } token
            ? await store.FindUserByAccessTokenAsync(token, context.RequestAborted)
            : null;
        if (user is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            context.Response.ContentType = Json;
            var versions = await store.GetVersionsAsync(null, context.RequestAborted);
            await context.Response.WriteAsync(ErrorWriter.Write(versions, 8008, "The access token is missing, unknown or expired"));
            return;
        }

        context.Items[UserKey] = user.Value;
        await next(context);
    }

    private static async Task<IResult> AuthenticateAsync(HttpContext context, ICloudStore store, CloudLimits limits, ILogger audit)
    {
        var remote = context.Connection.RemoteIpAddress?.ToString();
        var ct = context.RequestAborted;
        if (await ReadFieldsAsync(context.Request, limits.TokenFormBytes) is not { } fields)
        {
            return OAuthError("invalid_request", $"the form is longer than {limits.TokenFormBytes} bytes", StatusCodes.Status413PayloadTooLarge);
        }

        string? Field(string name) => fields.TryGetValue(name, out var value) ? value.ToString() : null;
        if (fields.Values.Any(v => !WireText.IsClean(v.ToString())))
        {
            return OAuthError("invalid_request", "a field holds a control character");
        }

        var grant = Field("grant_type");
        if (string.IsNullOrEmpty(grant))
        {
            return OAuthError("invalid_request", "missing 'grant_type' parameter");
        }

        if (Field("client_id") is not { Length: > 0 } clientId || Field("client_secret") is not { Length: > 0 } clientSecret ||
            !await store.IsClientAsync(clientId, clientSecret, ct))
        {
            audit.LogWarning(CloudEvents.SignInFailed, "Token request refused: unknown client {Client} from {Remote}", Field("client_id"), remote);
            return OAuthError("invalid_client");
        }

        IssuedTokens? tokens;
        switch (grant)
        {
            case "password":
                if (Field("username") is { Length: > 0 } name && limits.Throttle is { } throttle && await throttle.BeforePasswordAsync(name, remote, ct) is { } wait)
                {
                    audit.LogWarning(CloudEvents.SignInThrottled, "Sign-in of {User} with client {Client} from {Remote} slowed down", name, clientId, remote);
                    context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return OAuthError("temporarily_unavailable", "too many sign-in attempts for this user; try again later", StatusCodes.Status429TooManyRequests);
                }

                var user = Field("username") is { Length: > 0 } username && Field("password") is { Length: > 0 } password
                    ? await store.FindUserAsync(username, password, ct)
                    : null;
                tokens = user is { } id ? await store.IssueTokensAsync(id, clientId, ct) : null;
                if (tokens is null && Field("username") is { Length: > 0 } failed && limits.Throttle is { } counter)
                {
                    await counter.PasswordFailedAsync(failed, remote, ct);
                }

                if (tokens is null)
                {
                    audit.LogWarning(CloudEvents.SignInFailed, "Sign-in of {User} with client {Client} from {Remote} failed", Field("username"), clientId, remote);
                }
                else
                {
                    audit.LogInformation(CloudEvents.SignInSucceeded, "Sign-in of {User} (user {UserId}) with client {Client} from {Remote}", Field("username"), user, clientId, remote);
                }

                break;
            case "refresh_token":
                tokens = Field("refresh_token") is { Length: > 0 } refresh ? await store.RefreshTokensAsync(refresh, clientId, ct) : null;
                if (tokens is null)
                {
                    audit.LogWarning(CloudEvents.RefreshRefused, "Refresh with client {Client} from {Remote} refused: unknown, expired, another client's or spent", clientId, remote);
                }
                else
                {
                    audit.LogInformation(CloudEvents.TokenRefreshed, "Tokens refreshed with client {Client} from {Remote}", clientId, remote);
                }

                break;
            default:
                return OAuthError("unsupported_grant_type");
        }

        if (tokens is null)
        {
            return OAuthError("invalid_grant");
        }

        return Ok(JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", tokens.AccessToken);
            w.WriteNumber("expires_in", (long)tokens.Lifetime.TotalSeconds);
            w.WriteString("refresh_token", tokens.RefreshToken);
            w.WriteString("import_status", "unavailable");
            w.WriteEndObject();
        }));
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, ICloudStore store, CloudLimits limits, ILogger audit)
    {
        var remote = context.Connection.RemoteIpAddress?.ToString();
        var ct = context.RequestAborted;
        if (await BoundedBody.ReadAsync(context.Request, limits.TokenFormBytes, ct) is not { } body)
        {
            return OAuthError("invalid_request", $"the form is longer than {limits.TokenFormBytes} bytes", StatusCodes.Status413PayloadTooLarge);
        }

        var fields = QueryHelpers.ParseQuery(body);
        string? Field(string name) => fields.TryGetValue(name, out var value) && WireText.IsClean(value.ToString()) ? value.ToString() : null;
        if (Field("client_id") is not { Length: > 0 } clientId || Field("client_secret") is not { Length: > 0 } clientSecret ||
            !await store.IsClientAsync(clientId, clientSecret, ct))
        {
            audit.LogWarning(CloudEvents.SignInFailed, "Revocation refused: unknown client {Client} from {Remote}", Field("client_id"), remote);
            return OAuthError("invalid_client");
        }

        if (Field("token") is not { Length: > 0 } token)
        {
            return OAuthError("invalid_request", "missing 'token' parameter");
        }

        if (await store.RevokeAsync(token, clientId, ct))
        {
            audit.LogInformation(CloudEvents.SessionRevoked, "Session ended with client {Client} from {Remote}", clientId, remote);
        }

        return Results.Text("{}", Json, Encoding.UTF8, StatusCodes.Status200OK);
    }

    /// <summary>The form as a POST body, a GET body or a GET query (the cloud took all three); null when the body is too long.</summary>
    private static async Task<Dictionary<string, StringValues>?> ReadFieldsAsync(HttpRequest request, int maxBytes)
    {
        var fields = new Dictionary<string, StringValues>(request.Query.ToDictionary(q => q.Key, q => q.Value), StringComparer.Ordinal);
        if (await BoundedBody.ReadAsync(request, maxBytes, request.HttpContext.RequestAborted) is not { } body)
        {
            return null;
        }

        foreach (var (key, value) in QueryHelpers.ParseQuery(body))
        {
            fields[key] = value;
        }

        return fields;
    }

    private static async Task<IResult> SamplesAsync(
        ICloudStore store, long user, string locationIdentifier, IQueryCollection query, CancellationToken cancellationToken)
    {
        var versions = await store.GetVersionsAsync(user, cancellationToken);

        // The cloud judged the location before the dates: an unknown location is 9000 whatever the dates say.
        if (!WireText.IsClean(locationIdentifier) || !await store.HasLocationAsync(user, locationIdentifier, cancellationToken))
        {
            return Ok(ErrorWriter.Write(versions, 9000, "The requested garden location does not exist"));
        }

        var fromText = query["from_datetime_utc"].ToString();
        var toText = query["to_datetime_utc"].ToString();
        if (string.IsNullOrWhiteSpace(fromText))
        {
            return BadRequest(ErrorWriter.Write(versions, 9041, "Expected a from date and was invalid or absent"));
        }

        if (string.IsNullOrWhiteSpace(toText))
        {
            return BadRequest(ErrorWriter.Write(versions, 9042, "Expected a to date and was invalid or absent"));
        }

        if (!WireFormat.TryParseDateTime(fromText, out var from) || !WireFormat.TryParseDateTime(toText, out var to))
        {
            return BadRequest(ErrorWriter.Write(versions, 9060, "Could not parse the supplied date format"));
        }

        if (to <= from)
        {
            return BadRequest(ErrorWriter.Write(versions, 9069, "Reversed or empty time Range"));
        }

        if (to - from > TimeSpan.FromDays(10))
        {
            return BadRequest(ErrorWriter.Write(versions, 9048, "The requested date span is too large"));
        }

        var window = await store.GetSamplesAsync(user, locationIdentifier, from, to, cancellationToken);
        if (window is null)
        {
            return Ok(ErrorWriter.Write(versions, 9000, "The requested garden location does not exist"));
        }

        // Written as UTF-8 straight into the response: a long history never becomes one big string. The store's
        // connection goes back first: a client that reads slowly holds nothing of the database.
        await store.ReleaseAsync();
        return Results.Stream(
            async body =>
            {
                var pipe = System.IO.Pipelines.PipeWriter.Create(body);
                SamplesWriter.Write(pipe, window, versions);
                await pipe.CompleteAsync();
            },
            Json + "; charset=utf-8");
    }

    /// <summary>Reads an upload's body, hands it to <paramref name="store"/>, and answers the envelope or the refusal's code.</summary>
    private static async Task<IResult> UploadAsync(
        HttpContext context, ICloudStore cloud, int maxBytes, TimeSpan readTime, ILogger audit, Func<ICloudStore, long, string, DateTimeOffset, ValueTask> store)
    {
        var user = UserOf(context);
        var ct = context.RequestAborted;
        await cloud.ReleaseAsync();
        string? body;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            deadline.CancelAfter(readTime);
            try
            {
                body = await BoundedBody.ReadAsync(context.Request, maxBytes, deadline.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return Results.Text(
                    ErrorWriter.Write(await cloud.GetVersionsAsync(user, ct), 9066, $"Missed parameter: the body did not arrive within {readTime.TotalSeconds:0} seconds"),
                    Json, Encoding.UTF8, StatusCodes.Status408RequestTimeout);
            }
            catch (BadHttpRequestException refused)
            {
                return Results.Text(ErrorWriter.Write(new CloudVersions(0, 0), 9066, "Missed parameter: the body could not be read"), Json, Encoding.UTF8, refused.StatusCode);
            }
        }

        if (body is null)
        {
            return Results.Text(
                ErrorWriter.Write(await cloud.GetVersionsAsync(user, ct), 9066, $"Missed parameter: the body is longer than the server's limit of {maxBytes} bytes"),
                Json, Encoding.UTF8, StatusCodes.Status413PayloadTooLarge);
        }

        try
        {
            await store(cloud, user, body, cloud.Time.GetUtcNow());
        }
        catch (UploadThrottled throttled)
        {
            audit.LogWarning(CloudEvents.UploadRefused, "Upload for user {UserId} refused: over the hourly allowance", user);
            context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(throttled.Wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Text(
                ErrorWriter.Write(await cloud.GetVersionsAsync(user, ct), 9066, "Missed parameter: this account sent more uploads this hour than the server takes; try again later"),
                Json, Encoding.UTF8, StatusCodes.Status429TooManyRequests);
        }
        catch (UploadRefusal refusal)
        {
            audit.LogWarning(CloudEvents.UploadRefused, "Upload for user {UserId} refused with {Code}: {Reason}", user, refusal.Code, refusal.Message);
            return BadRequest(ErrorWriter.Write(await cloud.GetVersionsAsync(user, ct), refusal.Code, refusal.Message));
        }

        return Ok(ProfileWriter.Versions(await cloud.GetVersionsAsync(user, ct)));
    }

    private static bool IsTrue(StringValues value) => value.ToString() is "true" or "True" or "1";

    private static IResult OAuthError(string error, string? description = null, int status = StatusCodes.Status400BadRequest) =>
        Results.Text(
            JsonText.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("error", error);
                if (description is not null)
                {
                    w.WriteString("error_description", description);
                }

                w.WriteEndObject();
            }),
            Json,
            Encoding.UTF8,
            status);
}
