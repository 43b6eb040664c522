using CasesDashboard.Features.Cases.Bulk;

namespace CasesDashboard.Features.Cases.Components.Grid;

/// <summary>
/// The rows ticked in the grid (kept across pages, each with the version the reader saw), or every case matching the filter.
/// UI state only: what may be done with them is the bulk service's to say.
/// </summary>
public sealed class GridSelection
{
    private readonly Dictionary<string, BulkTarget> picked = [];

    public bool AllMatching { get; private set; }
    public bool Any => AllMatching || picked.Count > 0;
    public int Picked => picked.Count;

    public int Count(int matching) => AllMatching ? matching : picked.Count;
    public bool Contains(string caseId) => AllMatching || picked.ContainsKey(caseId);

    public void Toggle(CaseRow row)
    {
        AllMatching = false;
        if (!picked.Remove(row.Id)) picked[row.Id] = new BulkTarget(row.Id, row.Version, row.Name);
    }

    /// <summary>Ticks every row of the page, or unticks them all when they all were.</summary>
    public void TogglePage(IReadOnlyList<CaseRow> rows)
    {
        var all = rows.Count > 0 && rows.All(r => Contains(r.Id));
        AllMatching = false;
        foreach (var row in rows)
            if (all) picked.Remove(row.Id);
            else picked[row.Id] = new BulkTarget(row.Id, row.Version, row.Name);
    }

    public void SelectAllMatching() => AllMatching = true;

    public void Clear()
    {
        picked.Clear();
        AllMatching = false;
    }

    public BulkSelection ToSelection(CaseFilter filter) => AllMatching ? new MatchingCases(filter) : new SelectedCases(picked.Values.ToList());
}
