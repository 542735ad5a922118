using System.Security.Claims;
using System.Text;
using FlowerPower.Cloud.Server.Storage;
using FlowerPower.Cloud.Server.Web.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FlowerPower.Cloud.Server.Web;

/// <summary>
/// The web garden's pages: <c>/sign-in</c>, <c>/</c> (the garden), <c>/plants/{location}</c> (one plant, with its
/// span as CSV) and <c>/sign-out</c>. Every form carries an antiforgery token, every page a Content-Security-Policy
/// that allows no script at all, and no page is answered 500: the SDK's typed errors become one line for a person.
/// </summary>
internal static class WebEndpoints
{
    /// <summary>The sign-in form's path, which the sign-in limiter also watches.</summary>
    public const string SignInPath = "/sign-in";

    private const int LargestForm = 8 * 1024;
    private const string Policy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Whether a request is the web garden's (its paths, which the API never uses), not the wire's.</summary>
    public static bool Owns(HttpContext context)
    {
        var path = context.Request.Path;
        return path.Value is "/" ||
            path.StartsWithSegments(SignInPath, StringComparison.OrdinalIgnoreCase) ||
            path.StartsWithSegments("/sign-out", StringComparison.OrdinalIgnoreCase) ||
            path.StartsWithSegments("/garden.css", StringComparison.OrdinalIgnoreCase) ||
            path.StartsWithSegments("/favicon.ico", StringComparison.OrdinalIgnoreCase) ||
            path.StartsWithSegments("/plants", StringComparison.OrdinalIgnoreCase);
    }

    public static void Map(WebApplication app, WebGarden garden)
    {
        // Where cookies must be Secure, a page over plain HTTP gets no cookie at all: the browser would not send a
        // Secure one back over it, and a session must never travel in clear text.
        app.Use((context, next) => !garden.IsSecure(context.Request) || context.Request.IsHttps || !Owns(context)
            ? next(context)
            : WriteAsync(context, StatusCodes.Status403Forbidden, Html.Page(
                "HTTPS only",
                "<p class=\"error\">This garden signs owners in over HTTPS only: open it with https://. (Behind a proxy that ends TLS, start the server with --forwarded-headers.)</p>",
                null)));

        // Browsers ask for it on every first visit: the garden has none, which is a plain 404, not the API's 401.
        app.MapGet("/favicon.ico", (HttpContext context) =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.Headers.CacheControl = "public, max-age=86400";
            return Task.CompletedTask;
        });

        app.MapGet("/garden.css", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Text(GardenStyles.Css, "text/css; charset=utf-8");
        });
        app.MapGet(SignInPath, (HttpContext context) => WriteAsync(context, StatusCodes.Status200OK, SignInPage.Render(FormToken(context), null, null)));
        app.MapPost(SignInPath, (HttpContext context) => SignInAsync(context, garden));
        app.MapPost("/sign-out", (HttpContext context) => SignOutAsync(context, garden));
        app.MapGet("/", (HttpContext context) => SignedInAsync(context, garden, async (client, formToken, ct) =>
        {
            var view = await client.GetGardenAsync(ct);
            var now = garden.Time.GetUtcNow();
            var weeks = await LastWeeksAsync(client, garden.Weeks, view, now, ct);
            var page = GardenPage.Render(view, weeks, now, formToken);
            return c => WriteAsync(c, StatusCodes.Status200OK, page);
        }));
        app.MapGet("/plants/{location}", (HttpContext context, string location) => SignedInAsync(context, garden, async (client, formToken, ct) =>
        {
            if (await PlantHistory.ReadAsync(client, location, context.Request.Query["span"], garden.Time.GetUtcNow(), ct) is not { } plant)
            {
                return NotFound(formToken);
            }

            var page = PlantPage.Render(plant, formToken);
            return c => WriteAsync(c, StatusCodes.Status200OK, page);
        }));
        app.MapGet("/plants/{location}/samples.csv", (HttpContext context, string location) => SignedInAsync(context, garden, async (client, formToken, ct) =>
        {
            if (await PlantHistory.ReadAsync(client, location, context.Request.Query["span"], garden.Time.GetUtcNow(), ct) is not { } plant)
            {
                return NotFound(formToken);
            }

            return async c =>
            {
                Secure(c.Response);
                c.Response.ContentType = "text/csv; charset=utf-8";
                c.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(location)}-{ChartSpans.Word(plant.Span)}.csv\"";
                await SampleCsv.WriteAsync(c.Response.Body, plant.Plant.LocationIdentifier, plant.Plant.Nickname, plant.Samples.Samples, c.RequestAborted);
            };
        }));
    }

    /// <summary>Answers a page with the web garden's headers: no script, no framing, no caching, no sniffing.</summary>
    public static Task WriteAsync(HttpContext context, int status, string html)
    {
        Secure(context.Response);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html, Encoding.UTF8, context.RequestAborted);
    }

    private static async Task SignInAsync(HttpContext context, WebGarden garden)
    {
        if (await ReadFormAsync(context) is not { } form)
        {
            return;
        }

        var email = form["email"].ToString().Trim();
        var password = form["password"].ToString();
        if (email.Length is 0 or > 320 || password.Length is 0 or > 1024)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, SignInPage.Render(FormToken(context), email.Length > 320 ? null : email, "Enter your email and your password."));
            return;
        }

        if (await garden.Limits.TakeAttemptAsync(context.Connection.RemoteIpAddress, context.RequestAborted) is { } tooMany)
        {
            var seconds = Limits.RetryAfter.Seconds(tooMany);
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteAsync(context, StatusCodes.Status429TooManyRequests, Html.Page(
                "Sign in", $"<p class=\"error\" role=\"alert\">Too many sign-in attempts from this address; try again in {seconds} seconds.</p><p><a href=\"/sign-in\">Sign in</a></p>", null));
            return;
        }

        var tokens = new CapturedTokens();
        string? problem;
        int status;
        try
        {
            SelfCallHandler.BrowserAddress = context.Connection.RemoteIpAddress?.ToString();
            using var client = garden.SignInClient(email, password, tokens);
            await client.GetProfileAsync(context.RequestAborted);
            if (tokens.Tokens is { } issued && await garden.Sessions.CreateAsync(email, garden.Tokens!.Protect(issued), context.RequestAborted) is { } session)
            {
                garden.WriteSessionCookie(context, session);
                context.Response.Redirect("/");
                return;
            }

            (status, problem) = (StatusCodes.Status503ServiceUnavailable, "The garden could not sign you in; try again in a moment.");
        }
        catch (FlowerPowerAuthenticationException)
        {
            (status, problem) = (StatusCodes.Status401Unauthorized, "The email or the password is wrong.");
        }
        catch (FlowerPowerValidationException)
        {
            (status, problem) = (StatusCodes.Status400BadRequest, "Enter your email and your password.");
        }
        catch (FlowerPowerRateLimitException limited)
        {
            var wait = Math.Max(1, (int)Math.Ceiling((limited.RetryAfter ?? TimeSpan.FromMinutes(1)).TotalSeconds));
            context.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
            (status, problem) = (StatusCodes.Status429TooManyRequests, $"Too many sign-in attempts; try again in {wait} seconds.");
        }
        catch (FlowerPowerException)
        {
            (status, problem) = (StatusCodes.Status503ServiceUnavailable, "The garden could not sign you in; try again in a moment.");
        }

        await WriteAsync(context, status, SignInPage.Render(FormToken(context), email, problem));
    }

    private static async Task SignOutAsync(HttpContext context, WebGarden garden)
    {
        var session = await SessionAsync(context, garden);
        if (await ReadFormAsync(context) is null)
        {
            return;
        }

        if (session is { } signedIn)
        {
            await garden.EndSessionAsync(signedIn.Id, garden.Tokens!.Unprotect(signedIn.Record.ProtectedTokens), context.RequestAborted);
        }

        garden.ClearSessionCookie(context);
        context.Response.Redirect(SignInPath);
    }

    /// <summary>
    /// The signed-in session the request's cookie names, with <see cref="HttpContext.User"/> set to its owner (so form
    /// tokens are bound to them); null for anyone else: no cookie, an unknown or ended session, an expired one.
    /// </summary>
    private static async Task<(string Id, WebSessionRecord Record)?> SessionAsync(HttpContext context, WebGarden garden)
    {
        if (context.Request.Cookies[garden.SessionCookie(context.Request)] is not { Length: > 0 and <= 128 } id || await garden.Sessions.FindAsync(id, context.RequestAborted) is not { } record)
        {
            return null;
        }

        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, record.Email)], "flowerpower-session"));
        return (id, record);
    }

    /// <summary>
    /// Runs <paramref name="work"/> for a signed-in owner with the session's client; sends anyone else to the sign-in
    /// form, and a session the API no longer honours (signed out elsewhere, revoked) too. A session used an hour or more
    /// after its last use lasts <see cref="WebSessionStore.Lifetime"/> from now, and its cookie says so.
    /// </summary>
    private static async Task SignedInAsync(
        HttpContext context, WebGarden garden, Func<FlowerPowerClient, string, CancellationToken, Task<Func<HttpContext, Task>>> work)
    {
        if (await SessionAsync(context, garden) is not { } session)
        {
            if (context.Request.Cookies.ContainsKey(garden.SessionCookie(context.Request)))
            {
                garden.ClearSessionCookie(context);
            }

            context.Response.Redirect(SignInPath);
            return;
        }

        if (garden.Time.GetUtcNow() - session.Record.SeenUtc > TimeSpan.FromHours(1))
        {
            await garden.Sessions.TouchAsync(session.Id, context.RequestAborted);
            garden.WriteSessionCookie(context, session.Id);
        }

        var email = session.Record.Email;
        var formToken = FormToken(context);
        Func<HttpContext, Task> answer;
        SelfCallHandler.BrowserAddress = context.Connection.RemoteIpAddress?.ToString();
        var (client, owned) = garden.SessionClient(session.Id, email);
        try
        {
            answer = await work(client, formToken, context.RequestAborted);
        }
        catch (FlowerPowerAuthenticationException)
        {
            await garden.EndSessionAsync(session.Id, null, context.RequestAborted);
            garden.ClearSessionCookie(context);
            context.Response.Redirect(SignInPath);
            return;
        }
        catch (FlowerPowerNotFoundException)
        {
            answer = NotFound(formToken);
        }
        catch (FlowerPowerException)
        {
            answer = c => WriteAsync(c, StatusCodes.Status503ServiceUnavailable, Html.Page("Unavailable", "<p class=\"error\">The garden cannot be read right now; try again in a moment.</p>", formToken, email));
        }
        finally
        {
            if (owned)
            {
                client.Dispose();
            }
        }

        await answer(context);
    }

    /// <summary>
    /// The sparkline's seven days of each plant with readings (<see cref="PlantWeek"/>): at most four reads at once
    /// however large the garden, and a plant whose read fails (gone meanwhile) draws no sparkline instead of failing the page.
    /// </summary>
    /// <summary>Each plant's week for its card, through <paramref name="cache"/>: a plant whose readings did not change costs no call.</summary>
    private static async Task<Dictionary<string, PlantWeek>> LastWeeksAsync(
        FlowerPowerClient client, PlantWeekCache cache, Garden view, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var weeks = new System.Collections.Concurrent.ConcurrentDictionary<string, PlantWeek>(StringComparer.Ordinal);
        var owner = view.Profile?.Email;
        await Parallel.ForEachAsync(
            view.Plants.Where(p => p.Status?.LastSampleUtc is not null),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (plant, ct) =>
            {
                var last = plant.Status!.LastSampleUtc!.Value;
                var to = PlantWeek.End(last, now);
                var from = to - PlantWeek.Length;
                async Task<IReadOnlyList<Sample>> Read(DateTimeOffset start, DateTimeOffset end, CancellationToken token) =>
                    (await client.GetSamplesAsync(plant.LocationIdentifier, start, end, token)).Samples;
                try
                {
                    var samples = owner is null
                        ? await Read(from, to, ct)
                        : await cache.ReadAsync(owner, plant.LocationIdentifier, last, plant.Status.TotalSampleCount, from, to, Read, ct);
                    weeks[plant.LocationIdentifier] = new PlantWeek(from, to, samples);
                }
                catch (FlowerPowerNotFoundException)
                {
                }
            });
        return new Dictionary<string, PlantWeek>(weeks, StringComparer.Ordinal);
    }

    private static Func<HttpContext, Task> NotFound(string formToken) =>
        c => WriteAsync(c, StatusCodes.Status404NotFound, Html.Page("Not found", "<p class=\"error\">Your garden has no such plant.</p><p><a href=\"/\">Back to the garden</a></p>", formToken));

    /// <summary>
    /// The posted form, once its size, type and antiforgery token are right; otherwise the one-line answer is written
    /// and null returned. A form from another site has no valid token.
    /// </summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = LargestForm;
        }

        if (!context.Request.HasFormContentType || context.Request.ContentLength > LargestForm)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, Html.Page("Refused", "<p class=\"error\">This request is not a form of this garden.</p>", null));
            return null;
        }

        try
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            await antiforgery.ValidateRequestAsync(context);
            return await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception exception) when (exception is AntiforgeryValidationException or InvalidDataException or BadHttpRequestException or IOException)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, Html.Page(
                "Refused", "<p class=\"error\">This form expired or came from another site: reload the page and try again.</p><p><a href=\"/\">Back to the garden</a></p>", null));
            return null;
        }
    }

    private static string FormToken(HttpContext context) =>
        context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context).RequestToken!;

    private static void Secure(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = Policy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
    }

    private static string FileName(string location) =>
        new(location.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').Take(80).ToArray());
}
