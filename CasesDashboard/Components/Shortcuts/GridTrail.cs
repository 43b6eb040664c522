namespace CasesDashboard.Components.Shortcuts;

/// <summary>The grid link the reader last had open in this circuit, so Esc on a case page goes back to the same filter and page.</summary>
public sealed class GridTrail
{
    public string Url { get; set; } = "cases";
}
