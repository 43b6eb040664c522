using System.Text.Json;

namespace CasesDashboard.Features.Queues;

/// <summary>What an admin edits on a queue (the key is chosen at creation and fixed afterwards).</summary>
public sealed class QueueDefinition
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    /// <summary>The routing condition as JSON in the search language; empty: routing puts nothing here.</summary>
    public string? Conditions { get; set; }
    public QueueSortOrder SortOrder { get; set; }
    public AssignmentPolicy Policy { get; set; }
    public int? MaxOpenPerAnalyst { get; set; }
    public bool SkipAway { get; set; } = true;
    public List<string> MemberIds { get; set; } = [];

    public static QueueDefinition Of(QueueInfo q) => new()
    {
        Key = q.Key, Name = q.Name, Description = q.Description, Conditions = q.ConditionsJson, SortOrder = q.SortOrder, Policy = q.Policy,
        MaxOpenPerAnalyst = q.MaxOpenPerAnalyst, SkipAway = q.SkipAway, MemberIds = [.. q.MemberIds],
    };
}

/// <summary>A queue in <c>seed-data/queues.json</c>: members by email, the condition as JSON.</summary>
public sealed class QueueImportDocument
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public JsonElement? Conditions { get; set; }
    public QueueSortOrder SortOrder { get; set; }
    public AssignmentPolicy Policy { get; set; }
    public int? MaxOpenPerAnalyst { get; set; }
    public bool SkipAway { get; set; } = true;
    public List<string> Members { get; set; } = [];
}
