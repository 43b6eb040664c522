namespace CasesDashboard.Features.Automations;

/// <summary>Configuration section <c>Automations</c>.</summary>
public sealed class AutomationOptions
{
    /// <summary>How many rule runs may follow from one change (a rule's change triggering another rule, and so on).</summary>
    public int MaxDepth { get; set; } = 5;
    /// <summary>Run-log rows older than this are deleted.</summary>
    public int RunRetentionDays { get; set; } = 30;
    /// <summary>Record evaluations whose condition was false (with the failing condition), not only runs.</summary>
    public bool LogNotMatched { get; set; } = true;
    /// <summary>How often the scheduler looks for due schedules (and prunes the run log).</summary>
    public int SchedulerPeriodSeconds { get; set; } = 30;
    /// <summary>At most this many cases per schedule firing.</summary>
    public int ScheduleMaxCases { get; set; } = 1000;
    public int BatchSize { get; set; } = 50;
}
