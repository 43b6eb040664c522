using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Cases;

public enum CaseSort { Created, Updated, Sla, Priority }

public static class CaseSorts
{
    /// <summary>The direction a first click on a column sorts in: the most urgent SLA first, otherwise newest or highest first.</summary>
    public static bool StartsDescending(this CaseSort sort) => sort != CaseSort.Sla;
}

/// <summary>What the case grid asks for. Every filter maps to an indexed column.</summary>
public sealed record CaseFilter
{
    public const string Me = "me";
    public const string Unassigned = "none";
    /// <summary>The created-date range a filter can ask for; dates outside it are clamped.</summary>
    public static readonly DateOnly EarliestDate = new(1970, 1, 1), LatestDate = new(2099, 12, 31);

    public string? Status { get; init; }
    public string? Template { get; init; }
    /// <summary>A user id, <see cref="Me"/> or <see cref="Unassigned"/>.</summary>
    public string? Assignee { get; init; }
    public CasePriority? Priority { get; init; }
    public string? Tag { get; init; }
    /// <summary>A case queue's public id, or <see cref="Unassigned"/> for cases in no queue.</summary>
    public string? Queue { get; init; }
    public DateOnly? CreatedFrom { get; init; }
    public DateOnly? CreatedTo { get; init; }
    /// <summary>Free text: a case name or id, an object id, an object reference id, an email, or part of a name.</summary>
    public string? Text { get; init; }
    /// <summary>Template field values the cases must have (<see cref="FieldFilters"/> says how each field type compares).</summary>
    public Common.ValueList<FieldFilter> Fields { get; init; } = [];
    /// <summary>Only unresolved cases.</summary>
    public bool OpenOnly { get; init; }
    /// <summary>Resolved within these UTC days (analytics links to the cases behind a figure).</summary>
    public DateOnly? ResolvedFrom { get; init; }
    public DateOnly? ResolvedTo { get; init; }
    /// <summary>Only open cases in this SLA state (at risk, breached, paused), by <see cref="Sla.SlaRules.Matching"/>.</summary>
    public Sla.SlaState? Sla { get; init; }
    public CaseSort Sort { get; init; } = CaseSort.Created;
    public bool Descending { get; init; } = true;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

/// <summary>One template field value a case must have: <c>verdict = fraud</c>.</summary>
public sealed record FieldFilter(string Key, string Value);

/// <summary>
/// A grid row. <see cref="Version"/> is what a bulk action from this page checks against; <see cref="Fields"/> holds the template
/// field columns asked for, as text (empty when the case's template has no such field).
/// </summary>
public sealed record CaseRow(
    string Id, string Name, string TemplateName, string Status, string StatusLabel, string StatusColor, StatusType StatusType,
    CasePriority Priority, string? AssigneeName, DateTime CreatedAt, DateTime UpdatedAt, DateTime SlaExpiresAt, DateTime? ResolvedAt,
    IReadOnlyList<string> Tags, Sla.SlaInfo Sla, long Version = 0, IReadOnlyDictionary<string, string>? Fields = null, string? QueueName = null)
{
    public string FieldText(string key) => Fields?.GetValueOrDefault(key) ?? "";
}

public sealed record CaseResults(IReadOnlyList<CaseRow> Rows, int Total, int Page, int PageSize)
{

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
