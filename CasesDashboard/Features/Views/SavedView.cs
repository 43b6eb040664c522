namespace CasesDashboard.Features.Views;

/// <summary>
/// A named grid view: the filter and sort as the grid's URL carries them (<see cref="Query"/>, e.g. <c>status=open&amp;sort=sla</c>),
/// the visible columns, its owner, and whether the team sees it too. Opened by <c>/cases?view=&lt;id&gt;</c>.
/// </summary>
public sealed class SavedView
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string OwnerId { get; set; } = "";
    public string OwnerName { get; set; } = "";
    public bool Shared { get; set; }
    public string Query { get; set; } = "";
    /// <summary>Column keys, comma-separated (<see cref="GridColumns"/>).</summary>
    public string Columns { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
