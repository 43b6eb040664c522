using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Sla;

/// <summary>
/// <c>seed-data/sla-policies.json</c>: named calendars (written once, used by several policies) and policies naming their
/// template and queue by key.
/// </summary>
public sealed class SlaPolicyImportFile
{
    public Dictionary<string, BusinessCalendar> Calendars { get; set; } = [];
    public List<SlaPolicyImportDocument> Policies { get; set; } = [];
}

/// <summary>One policy of <see cref="SlaPolicyImportFile"/>: <c>calendar</c> names one of the file's calendars (none: around the clock).</summary>
public sealed class SlaPolicyImportDocument
{
    public string Template { get; set; } = "";
    public CasePriority? Priority { get; set; }
    /// <summary>A queue key, e.g. <c>high-risk</c>.</summary>
    public string? Queue { get; set; }
    public SlaTarget Resolution { get; set; } = new(0, SlaUnit.Hours);
    public SlaTarget? FirstAssignment { get; set; }
    public string? Calendar { get; set; }
    public List<string> PauseStatuses { get; set; } = [];
}
