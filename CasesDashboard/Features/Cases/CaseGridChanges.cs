namespace CasesDashboard.Features.Cases;

/// <summary>
/// Whether changes made elsewhere could alter what an open grid page shows, so the page re-queries only then: a change to a case
/// on the page, a new case, or a change to an attribute the page filters or sorts on (which can move a case onto or off it).
/// </summary>
public static class CaseGridChanges
{
    public static bool Affects(CaseFilter filter, IReadOnlySet<string> shownIds, CaseChanged change) =>
        shownIds.Contains(change.CaseId)
        || change.EventType == Audit.CaseEventTypes.Created
        || filter.Sort == CaseSort.Updated
        || change.Changes.Any(c => Watched(filter, c.Field));

    /// <summary>The changes among <paramref name="changes"/> that affect the page.</summary>
    public static int Count(CaseFilter filter, IReadOnlySet<string> shownIds, IEnumerable<CaseChanged> changes) =>
        changes.Count(c => Affects(filter, shownIds, c));

    private static bool Watched(CaseFilter f, string field) => field switch
    {
        "status" or "resolution" => f.Status is not null || f.OpenOnly,
        "assignee" => f.Assignee is not null || f.Text is not null,
        "priority" => f.Priority is not null || f.Sort == CaseSort.Priority,
        "tags" => f.Tag is not null,
        "queue" => f.Queue is not null,
        _ when field.StartsWith("objects.", StringComparison.Ordinal) => f.Text is not null,
        _ when field.StartsWith("fields.", StringComparison.Ordinal) => f.Fields.Any(x => "fields." + x.Key == field),
        _ => false,
    };
}
