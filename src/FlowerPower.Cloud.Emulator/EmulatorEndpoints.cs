using System.Text;
using FlowerPower.Cloud.Emulator.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace FlowerPower.Cloud.Emulator;

/// <summary>The cloud's six endpoints and its rules, on ASP.NET Core minimal APIs.</summary>
internal static class EmulatorEndpoints
{
    private const string Json = "application/json";
    private static readonly string[] TokenPaths = ["/user/v1/authenticate", "/user/v2/authenticate", "/user/v3/authenticate"];

    public static void Map(WebApplication app, EmulatorState state)
    {
        app.Use((context, next) => GuardResourceAsync(context, next, state));

        foreach (var path in TokenPaths)
        {
            app.MapMethods(path, ["GET", "POST"], (Delegate)((HttpContext context) => AuthenticateAsync(context, state)));
        }

        app.MapGet("/user/v4/profile", () => Ok(ProfileWriter.Profile(state.Garden)));
        app.MapGet("/user/v1/versions", () => Ok(ProfileWriter.Versions(state.Garden)));
        app.MapGet("/garden/v2/configuration", (HttpContext context) =>
            Ok(ConfigurationWriter.Write(state.Garden, IsTrue(context.Request.Query["include_s3_urls"]))));
        app.MapGet("/garden/v1/status", () => Ok(StatusWriter.Write(state.Garden)));
        app.MapGet("/sensor_data/v6/sample/location/{locationIdentifier}", (string locationIdentifier, HttpContext context) =>
            Samples(state, locationIdentifier, context.Request.Query));
    }

    private static async Task GuardResourceAsync(HttpContext context, RequestDelegate next, EmulatorState state)
    {
        if (TokenPaths.Contains(context.Request.Path.Value, StringComparer.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var faults = state.Faults;
        if (faults.Latency > TimeSpan.Zero)
        {
            await Task.Delay(faults.Latency, state.Time, context.RequestAborted);
        }

        if (faults.Next(state.FaultRandom) is { } fault)
        {
            await WriteFaultAsync(context, fault, state);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !state.Tokens.IsValid(header[7..].Trim()))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            context.Response.ContentType = Json;
            await context.Response.WriteAsync(ErrorWriter.Write(state.Garden, 8008, "The access token is missing, unknown or expired"));
            return;
        }

        await next(context);
    }

    private static async Task WriteFaultAsync(HttpContext context, EmulatorFault fault, EmulatorState state)
    {
        var response = context.Response;
        switch (fault)
        {
            case EmulatorFault.ServiceUnavailable:
                response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            case EmulatorFault.RateLimited:
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = ((int)Math.Ceiling(state.Faults.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return;
            case EmulatorFault.GatewayHtml:
                response.StatusCode = StatusCodes.Status502BadGateway;
                response.ContentType = "text/html";
                await response.WriteAsync("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>");
                return;
            case EmulatorFault.InternalError:
                response.StatusCode = StatusCodes.Status500InternalServerError;
                response.ContentType = Json;
                await response.WriteAsync(ErrorWriter.Write(state.Garden, 5200, "Unexpected"));
                return;
            case EmulatorFault.CutBody:
                var whole = Encoding.UTF8.GetBytes(ProfileWriter.Versions(state.Garden));
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = Json;
                response.ContentLength = whole.Length;
                await response.Body.WriteAsync(whole.AsMemory(0, whole.Length / 2), context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);

                // Give the client a moment to read the headers and the half body before the connection is reset.
                await Task.Delay(TimeSpan.FromMilliseconds(20), context.RequestAborted);
                context.Abort();
                return;
            default:
                var body = ProfileWriter.Versions(state.Garden);
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = Json;
                await response.WriteAsync(body[..(body.Length / 2)]);
                return;
        }
    }

    private static async Task<IResult> AuthenticateAsync(HttpContext context, EmulatorState state)
    {
        var fields = await ReadFieldsAsync(context.Request);
        string? Field(string name) => fields.TryGetValue(name, out var value) ? value.ToString() : null;

        var grant = Field("grant_type");
        if (string.IsNullOrEmpty(grant))
        {
            return OAuthError("invalid_request", "missing 'grant_type' parameter");
        }

        if (Field("client_id") != DemoAccount.ClientId || Field("client_secret") != DemoAccount.ClientSecret)
        {
            return OAuthError("invalid_client");
        }

        switch (grant)
        {
            case "password":
                if (!string.Equals(Field("username"), DemoAccount.Username, StringComparison.OrdinalIgnoreCase) || Field("password") != DemoAccount.Password)
                {
                    return OAuthError("invalid_grant");
                }

                break;
            case "refresh_token":
                if (Field("refresh_token") is not { Length: > 0 } refresh || !state.Tokens.Redeem(refresh))
                {
                    return OAuthError("invalid_grant");
                }

                break;
            default:
                return OAuthError("unsupported_grant_type");
        }

        var (access, refreshToken) = state.Tokens.Issue();
        return Ok(JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", access);
            w.WriteNumber("expires_in", (long)state.Tokens.Lifetime.TotalSeconds);
            w.WriteString("refresh_token", refreshToken);
            w.WriteString("import_status", "unavailable");
            w.WriteEndObject();
        }));
    }

    /// <summary>The form as a POST body, a GET body or a GET query: the cloud took all three.</summary>
    private static async Task<Dictionary<string, StringValues>> ReadFieldsAsync(HttpRequest request)
    {
        var fields = new Dictionary<string, StringValues>(request.Query.ToDictionary(q => q.Key, q => q.Value), StringComparer.Ordinal);
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        foreach (var (key, value) in QueryHelpers.ParseQuery(body))
        {
            fields[key] = value;
        }

        return fields;
    }

    private static IResult Samples(EmulatorState state, string locationIdentifier, IQueryCollection query)
    {
        var garden = state.Garden;
        var plant = garden.Find(locationIdentifier);
        if (plant is null)
        {
            return Ok(ErrorWriter.Write(garden, 9000, "The requested garden location does not exist"));
        }

        var fromText = query["from_datetime_utc"].ToString();
        var toText = query["to_datetime_utc"].ToString();
        if (string.IsNullOrWhiteSpace(fromText))
        {
            return BadRequest(ErrorWriter.Write(garden, 9041, "Expected a from date and was invalid or absent"));
        }

        if (string.IsNullOrWhiteSpace(toText))
        {
            return BadRequest(ErrorWriter.Write(garden, 9042, "Expected a to date and was invalid or absent"));
        }

        if (!WireFormat.TryParseDateTime(fromText, out var from) || !WireFormat.TryParseDateTime(toText, out var to))
        {
            return BadRequest(ErrorWriter.Write(garden, 9060, "Could not parse the supplied date format"));
        }

        if (to <= from)
        {
            return BadRequest(ErrorWriter.Write(garden, 9069, "Reversed or empty time Range"));
        }

        if (to - from > TimeSpan.FromDays(10))
        {
            return BadRequest(ErrorWriter.Write(garden, 9048, "The requested date span is too large"));
        }

        return Ok(SamplesWriter.Write(garden, plant, from, to));
    }

    private static bool IsTrue(StringValues value) => value.ToString() is "true" or "True" or "1";

    private static IResult Ok(string json) => Results.Text(json, Json, Encoding.UTF8, StatusCodes.Status200OK);

    private static IResult BadRequest(string json) => Results.Text(json, Json, Encoding.UTF8, StatusCodes.Status400BadRequest);

    private static IResult OAuthError(string error, string? description = null) =>
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
            StatusCodes.Status400BadRequest);
}
