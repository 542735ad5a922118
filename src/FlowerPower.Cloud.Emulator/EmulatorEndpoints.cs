using System.Globalization;
using System.Text;
using FlowerPower.Cloud.Wire;
using FlowerPower.Cloud.Wire.Writers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FlowerPower.Cloud.Emulator;

/// <summary>
/// The emulator's wire: the shared <see cref="CloudEndpoints"/> over the demo store, behind the faults and latency
/// it injects into resource requests on demand.
/// </summary>
internal static class EmulatorEndpoints
{
    public static void Map(WebApplication app, EmulatorState state)
    {
        app.Use((context, next) => InjectFaultsAsync(context, next, state));
        CloudEndpoints.Map(app, _ => state.Store);
    }

    private static async Task InjectFaultsAsync(HttpContext context, RequestDelegate next, EmulatorState state)
    {
        if (CloudEndpoints.TokenPaths.Contains(context.Request.Path.Value, StringComparer.OrdinalIgnoreCase))
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
                response.Headers.RetryAfter = ((int)Math.Ceiling(state.Faults.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return;
            case EmulatorFault.GatewayHtml:
                response.StatusCode = StatusCodes.Status502BadGateway;
                response.ContentType = "text/html";
                await response.WriteAsync("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>");
                return;
            case EmulatorFault.InternalError:
                response.StatusCode = StatusCodes.Status500InternalServerError;
                response.ContentType = CloudEndpoints.Json;
                await response.WriteAsync(ErrorWriter.Write(Versions(state), 5200, "Unexpected"));
                return;
            case EmulatorFault.CutBody:
                var whole = Encoding.UTF8.GetBytes(ProfileWriter.Versions(Versions(state)));
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = CloudEndpoints.Json;
                response.ContentLength = whole.Length;
                await response.Body.WriteAsync(whole.AsMemory(0, whole.Length / 2), context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);

                // The headers and the half body are on the wire; the request was read whole, so closing the
                // connection ends it in order behind them and the client reads a body cut short.
                context.Abort();
                return;
            default:
                var body = ProfileWriter.Versions(Versions(state));
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = CloudEndpoints.Json;
                await response.WriteAsync(body[..(body.Length / 2)]);
                return;
        }
    }

    private static CloudVersions Versions(EmulatorState state) => new(state.Garden.UserConfigVersion, state.Garden.GardenStatusVersion);
}
