using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CasesDashboard.Tests.TestInfrastructure;

/// <summary>Keeps every log line the app writes, for tests that check what an operator is told.</summary>
public sealed class TestLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> entries = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Entries => [.. entries];

    public IEnumerable<string> At(LogLevel level) => entries.Where(e => e.Level == level).Select(e => e.Message);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(TestLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) logs.entries.Enqueue((logLevel, category, formatter(state, exception)));
        }
    }
}
