using System.Globalization;
using CsvHelper;

namespace CasesDashboard.Features.Analytics;

/// <summary>Every dashboard table as CSV (CsvHelper; invariant culture, durations in hours, times ISO 8601 UTC).</summary>
public static class AnalyticsCsv
{
    public static readonly IReadOnlyList<string> Tables = ["counts", "per-day", "resolutions", "times", "sla-templates", "sla-queues", "analysts", "time-in-status", "time-with-assignee"];

    /// <summary>The table named <paramref name="table"/> of <paramref name="r"/> as CSV, or null for an unknown name.</summary>
    public static string? Write(AnalyticsReport r, string table) => table switch
    {
        "counts" => Csv(r.Counts.Select(x => new { Figure = x.Label, x.Value })),
        "per-day" => Csv(r.PerDay.Select(x => new { Day = x.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), x.Created, x.Resolved })),
        "resolutions" => Csv(r.Resolutions.Select(x => new { Resolution = x.Label, Percent = x.Value })),
        "times" => Csv(r.Times.Select(x => new { Measure = x.Label, Cases = x.Count, P50Hours = Hours(x.P50), P75Hours = Hours(x.P75), P95Hours = Hours(x.P95) })),
        "sla-templates" => Csv(r.ComplianceByTemplate.Select(Compliance)),
        "sla-queues" => Csv(r.ComplianceByQueue.Select(Compliance)),
        "analysts" => Csv(r.Analysts.Select(x => new { Analyst = x.Name, x.Resolved, MedianHandleHours = Hours(x.MedianHandle), x.OpenLoad })),
        "time-in-status" => Csv(r.TimeInStatus.Select(x => new { x.Status, TotalHours = Hours(x.Total), AverageHours = Hours(x.Average), x.Cases })),
        "time-with-assignee" => Csv(r.TimeWithAssignee.Select(x => new { Assignee = x.Status, TotalHours = Hours(x.Total), AverageHours = Hours(x.Average), x.Cases })),
        _ => null,
    };

    private sealed record ComplianceCsv(string Name, int Resolved, int Met, int Missed, double? CompliancePercent, int OpenBreached);

    private static ComplianceCsv Compliance(ComplianceRow x) => new(x.Name, x.Resolved, x.Met, x.Missed, x.Percent, x.OpenBreached);

    private static double? Hours(TimeSpan? t) => t is { } v ? Math.Round(v.TotalHours, 2) : null;

    private static string Csv<T>(IEnumerable<T> rows)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        // Names and labels are user text: one starting with =, +, - or @ is escaped so a spreadsheet shows it instead of running it.
        var options = new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture, Injection = CsvInjection.Escape };
        // Rows as dictionaries keyed by column name (CsvHelper's dynamic records): no source generator for these small shapes.
        var columns = typeof(T).GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract").ToArray();
        var records = rows.Select(r => columns.ToDictionary(p => p.Name, p => p.GetValue(r))).ToList();
        using (var csv = CsvWriter.Create(writer, options, true))
        {
            if (records.Count == 0) csv.WriteHeader(columns.Select(c => c.Name).ToArray());
            else csv.WriteRecords(records);
            csv.Flush();
        }
        return writer.ToString();
    }
}
