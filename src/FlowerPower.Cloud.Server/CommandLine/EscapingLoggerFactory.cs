using System.Globalization;
using System.Text;
using FlowerPower.Cloud.Server.Accounts;
using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Server.CommandLine;

/// <summary>
/// The server's loggers, with every message's characters that could forge a log line or reverse its text (a newline,
/// U+0085, U+2028, U+202E: <see cref="AccountNames.IsForging"/>) written as <c>\uXXXX</c>. A sign-in's user name and a
/// sensor's serial come from whoever sends them; in the text log they stay on their own line, as they arrived.
/// </summary>
internal sealed class EscapingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new EscapingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    /// <summary><paramref name="text"/> with each forging character as <c>\uXXXX</c>; the same string when it has none.</summary>
    public static string Escape(string text)
    {
        StringBuilder? escaped = null;
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (AccountNames.IsForging(rune))
            {
                escaped ??= new StringBuilder(text.Length + 8).Append(text, 0, index);
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:X4}");
            }
            else
            {
                escaped?.Append(text, index, rune.Utf16SequenceLength);
            }

            index += rune.Utf16SequenceLength;
        }

        return escaped?.ToString() ?? text;
    }

    private sealed class EscapingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.Log(logLevel, eventId, state, exception, (s, e) => Escape(formatter(s, e)));
    }
}
