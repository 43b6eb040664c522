using CasesDashboard.Features.Cases;

namespace CasesDashboard.Features.Analytics;

/// <summary>What the dashboard is asked for: a UTC date range (inclusive days) and optional narrowing.</summary>
public sealed record AnalyticsFilter
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? Template { get; init; }
    public int? QueueId { get; init; }
    public string? AssigneeId { get; init; }
    /// <summary>An end status key: only cases resolved so.</summary>
    public string? Resolution { get; init; }
}

/// <summary>The filter as applied (range filled in and put right) and a sentence for anything that was corrected.</summary>
public sealed record AppliedFilter(AnalyticsFilter Filter, DateOnly From, DateOnly To, IReadOnlyList<string> Notices)
{
    public DateTime Start => From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    public DateTime End => To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}

/// <summary>A figure and the grid filter showing the cases behind it.</summary>
public sealed record Figure(string Label, double Value, CaseFilter? Cases = null);

public sealed record DayCount(DateOnly Day, int Created, int Resolved);

/// <summary>Nearest-rank percentiles of a duration, over <see cref="Count"/> cases (null when there are none).</summary>
public sealed record Percentiles(string Label, int Count, TimeSpan? P50, TimeSpan? P75, TimeSpan? P95);

public sealed record ComplianceRow(string Key, string Name, int Resolved, int Met, int OpenBreached, CaseFilter? Cases)
{
    public int Missed => Resolved - Met;
    /// <summary>Share of resolved cases resolved within their SLA, 0–100 (null when none resolved).</summary>
    public double? Percent => Resolved == 0 ? null : Math.Round(100.0 * Met / Resolved, 1);
}

public sealed record AnalystRow(string UserId, string Name, int Resolved, TimeSpan? MedianHandle, int OpenLoad, CaseFilter Cases);

public sealed record StatusTime(string Status, TimeSpan Total, TimeSpan Average, int Cases);

/// <summary>Everything on the dashboard, computed by <see cref="AnalyticsService"/>.</summary>
public sealed record AnalyticsReport(
    AppliedFilter Applied,
    IReadOnlyList<Figure> Counts,
    IReadOnlyList<DayCount> PerDay,
    IReadOnlyList<Figure> Resolutions,
    IReadOnlyList<Percentiles> Times,
    IReadOnlyList<ComplianceRow> ComplianceByTemplate,
    IReadOnlyList<ComplianceRow> ComplianceByQueue,
    IReadOnlyList<AnalystRow> Analysts,
    IReadOnlyList<StatusTime> TimeInStatus,
    IReadOnlyList<StatusTime> TimeWithAssignee,
    int TimeInStatusCases,
    bool TimeInStatusCapped);
