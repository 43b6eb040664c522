using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CasesDashboard.Tests.TestInfrastructure;

/// <summary>Keeps the log lines the app writes (information and above), for tests that check what an operator is told.</summary>
public sealed class TestLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> entries = new();

    public IEnumerable<string> At(LogLevel level) => entries.Where(e => e.Level == level).Select(e => e.Message);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose() { }

    private sealed class Logger(TestLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) logs.entries.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
