using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>Keeps every log line, formatted, with its event id and structured values; signals chosen events.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource<LogLine>> _waits = new();

    public ConcurrentQueue<LogLine> Lines { get; } = new();

    public string AllText => string.Join(Environment.NewLine, Lines.Select(l => l.ToString()));

    /// <summary>Completes when an event with this id is first logged.</summary>
    public Task<LogLine> WaitFor(int eventId) =>
        _waits.GetOrAdd(eventId, _ => new TaskCompletionSource<LogLine>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    internal sealed record LogLine(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> State, Exception? Exception)
    {
        public override string ToString() =>
            $"{Level} {Category}[{EventId.Id}] {Message} {string.Join(" ", State.Select(kv => $"{kv.Key}={kv.Value}"))} {Exception}";
    }

    private sealed class Logger(CapturingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            var line = new LogLine(category, logLevel, eventId, formatter(state, exception), values.ToList(), exception);
            owner.Lines.Enqueue(line);
            owner._waits.GetOrAdd(eventId.Id, _ => new TaskCompletionSource<LogLine>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(line);
        }
    }
}
