using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Wire;

/// <summary>
/// The logger factory the host is given, with ASP.NET Core's and the runtime's own events below Warning left out,
/// whatever the factory's filters say: "Request starting" logs a request's query string, and the token endpoint's
/// query may carry a password and a client secret (the cloud took the form there too). The cloud's own events keep
/// their level.
/// </summary>
internal sealed class HostLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("Microsoft.", StringComparison.Ordinal) || categoryName.StartsWith("System.", StringComparison.Ordinal)
            ? new WarningsOnly(inner.CreateLogger(categoryName))
            : inner.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The factory belongs to whoever gave it to the host.
    public void Dispose()
    {
    }

    private sealed class WarningsOnly(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
