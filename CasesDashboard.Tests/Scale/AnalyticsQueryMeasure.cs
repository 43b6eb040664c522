using System.Diagnostics;
using CasesDashboard.Data;
using CasesDashboard.Features;
using CasesDashboard.Features.Analytics;
using CasesDashboard.Features.Security;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace CasesDashboard.Tests.Scale;

/// <summary>
/// Where the dashboard's time goes on a large store: opens an existing SQLite file (e.g. the one a 1,000,000-case bench left,
/// <c>--db</c>), runs the default report once and prints each SQL command's time, slowest first. On demand only:
/// <c>CASES_MEASURE_DB=/tmp/bench1m/cases.db dotnet test -c Release CasesDashboard.Tests --filter AnalyticsQueryMeasure --logger "console;verbosity=detailed"</c>.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class AnalyticsQueryMeasure(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task DefaultReport_CommandsByTime()
    {
        var path = Environment.GetEnvironmentVariable("CASES_MEASURE_DB");
        Skip.If(string.IsNullOrEmpty(path), "A measurement, run on demand with CASES_MEASURE_DB=<a bench's SQLite file>.");
        var commands = new CommandTimes();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddFilter(DbLoggerCategory.Database.Command.Name, LogLevel.Information).AddProvider(commands));
        services.AddDataProtection();
        services.AddCasesStore(new StoreConnection(StoreProvider.Sqlite, $"Data Source={path}"));
        services.AddCasesFeatures(new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider();
        var lead = Actor.User("measure", "measure", Roles.Lead);

        var started = Stopwatch.StartNew();
        var report = await provider.GetRequiredService<AnalyticsService>().ReportAsync(new AnalyticsFilter(), lead);
        output.WriteLine($"Report in {started.Elapsed.TotalMilliseconds:N0} ms; {commands.Lines.Count} commands; counts: "
            + string.Join(", ", report.Counts.Select(c => $"{c.Label} {c.Value:N0}")));
        foreach (var line in commands.Lines.OrderByDescending(l => l.Ms).Take(15))
            output.WriteLine($"{line.Ms,8:N0} ms  {line.Sql.ReplaceLineEndings(" ")[..Math.Min(400, line.Sql.Length)]}");
    }

    private sealed class CommandTimes : ILoggerProvider
    {
        public List<(double Ms, string Sql)> Lines { get; } = [];
        public ILogger CreateLogger(string category) => new Logger(this);
        public void Dispose() { }

        private sealed class Logger(CommandTimes owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel level) => level >= LogLevel.Information;
            public void Log<TState>(LogLevel level, EventId id, TState state, Exception? e, Func<TState, Exception?, string> format)
            {
                if (state is not IReadOnlyList<KeyValuePair<string, object?>> values) return;
                var ms = values.FirstOrDefault(v => v.Key == "elapsed").Value;
                var sql = values.FirstOrDefault(v => v.Key == "commandText").Value as string;
                if (ms is not null && sql is not null)
                    lock (owner.Lines) owner.Lines.Add((double.Parse(ms.ToString()!, System.Globalization.CultureInfo.InvariantCulture), sql));
            }
        }
    }
}
