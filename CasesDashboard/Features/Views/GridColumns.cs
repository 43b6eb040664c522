using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Views;

/// <summary>A grid column: a built-in one or a template field (<c>fields.&lt;key&gt;</c>), with its heading.</summary>
public sealed record GridColumn(string Key, string Label)
{
    public string? FieldKey => Key.StartsWith(GridColumns.FieldPrefix, StringComparison.Ordinal) ? Key[GridColumns.FieldPrefix.Length..] : null;
}

/// <summary>The columns the case grid can show. The case name is always shown first and is not among them.</summary>
public static class GridColumns
{
    public const string FieldPrefix = "fields.";
    public const int Max = 20;

    public static readonly IReadOnlyList<GridColumn> BuiltIn =
    [
        new("template", "Template"), new("status", "Status"), new("priority", "Priority"), new("assignee", "Assignee"),
        new("queue", "Queue"), new("sla", "SLA"), new("created", "Created"), new("updated", "Updated"), new("tags", "Tags"),
    ];

    /// <summary>Shown until the reader chooses: every built-in column but the queue, so the default grid fits 1280 px (the queue filter names it).</summary>
    public static IReadOnlyList<string> Default { get; } = BuiltIn.Select(c => c.Key).Where(k => k != "queue").ToList();

    /// <summary>Every column a reader may choose: the built-in ones, then each field of the visible templates (by key, once).</summary>
    public static IReadOnlyList<GridColumn> Available(IEnumerable<TemplateSummary> visible) =>
    [
        .. BuiltIn,
        .. visible.SelectMany(t => t.Definition.Fields.Where(f => !f.Retired)).DistinctBy(f => f.Key)
            .Select(f => new GridColumn(FieldPrefix + f.Key, f.Label)),
    ];

    /// <summary>Column keys from a comma-separated list (a URL's <c>cols</c>, a saved view), unknown ones left out, in order, at most <see cref="Max"/>.</summary>
    public static IReadOnlyList<GridColumn> Parse(string? keys, IReadOnlyList<GridColumn> available)
    {
        if (string.IsNullOrWhiteSpace(keys)) return available.Where(c => Default.Contains(c.Key)).ToList();
        return keys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct()
            .Select(k => available.FirstOrDefault(c => c.Key == k)).OfType<GridColumn>().Take(Max).ToList();
    }

    public static string Format(IEnumerable<GridColumn> columns) => string.Join(",", columns.Select(c => c.Key));
}
