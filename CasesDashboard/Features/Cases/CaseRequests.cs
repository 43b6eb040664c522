using System.Text.Json;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Cases;

/// <summary>A case to create: the template by key, and whatever is known already.</summary>
public sealed record NewCase(string TemplateKey)
{
    public CasePriority? Priority { get; init; }
    public string? AssigneeId { get; init; }
    public IReadOnlyDictionary<string, JsonElement>? Fields { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> ObjectIds { get; init; } = [];
    public IReadOnlyList<NewExternalDocument> ExternalData { get; init; } = [];
    /// <summary>The user the case is opened for (shown as its creator); the actor who wrote it stays on the timeline.</summary>
    public string? CreatorId { get; init; }
    /// <summary>Overrides the template's SLA: the case is due this long after creation.</summary>
    public TimeSpan? SlaExpiresIn { get; init; }
    /// <summary>A queue (<c>cq_…</c>) to place the case in instead of routing it; routing then leaves it there.</summary>
    public string? QueueId { get; init; }
}

/// <summary>Where a lead or the API puts a case: a queue, no queue (both pinned: routing leaves it), or back to routing.</summary>
public sealed record QueueChoice(string? QueueId, bool Automatic)
{
    public static QueueChoice To(string queueId) => new(queueId, false);
    public static readonly QueueChoice None = new(null, false);
    public static readonly QueueChoice Routing = new(null, true);
}

/// <summary>An edit of a case: field values to set or clear (JSON null), and JSON documents to attach. Either may be empty.</summary>
public sealed record CaseUpdate
{
    public IReadOnlyDictionary<string, JsonElement> Fields { get; init; } = new Dictionary<string, JsonElement>();
    public IReadOnlyList<NewExternalDocument> ExternalData { get; init; } = [];
}

public sealed record NewExternalDocument(string Name, string Json, string Source);

/// <summary>Limits on what users and systems may attach (configuration section <c>Cases</c>).</summary>
public sealed class CaseLimits
{
    public int MaxDocumentBytes { get; set; } = 1_048_576;
    public int MaxCommentLength { get; set; } = 10_000;
    public int MaxTagsPerCase { get; set; } = 30;
}
