using FlowerPower.Cloud.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace FlowerPower.Cloud.Server.CommandLine;

/// <summary>
/// The server's logs on the console: one line per event, UTC timestamps, as text (for a person or the journal) or as
/// JSON (<c>--log-format json</c>, for log collectors). <c>serve</c> logs to standard output; an administration
/// command to standard error, so that its result alone is on standard output. An administration command's audit
/// record is written in JSON only: as text it would repeat on the person's terminal the result or refusal the command
/// has just printed. Framework chatter below warnings is left out. Characters that could forge a line are escaped (<see cref="EscapingLoggerFactory"/>).
/// </summary>
internal static class ServerLogs
{
    public static readonly string[] Formats = ["text", "json"];

    public static ILoggerFactory Create(string format, bool toStandardError) => new EscapingLoggerFactory(LoggerFactory.Create(logging =>
    {
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("System", LogLevel.Warning);
        if (format == "json")
        {
            logging.AddJsonConsole(json =>
            {
                json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                json.UseUtcTimestamp = true;
            });
        }
        else
        {
            if (toStandardError)
            {
                logging.AddFilter(CloudEvents.AuditCategory, LogLevel.None);
            }

            logging.AddSimpleConsole(text =>
            {
                text.SingleLine = true;
                text.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
                text.UseUtcTimestamp = true;
            });
        }

        logging.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = toStandardError ? LogLevel.Trace : LogLevel.None);
    }));
}
