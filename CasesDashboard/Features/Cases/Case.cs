using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Cases;

/// <summary>
/// One end user under investigation. Everything a list filters or sorts on is a column (indexed);
/// field values are JSON, read whole on the case page. <see cref="Version"/> refuses stale edits.
/// </summary>
public sealed class Case
{
    public long Id { get; set; }
    public string PublicId { get; set; } = "";
    public string Name { get; set; } = "";
    public int TemplateId { get; set; }
    public int TemplateVersion { get; set; }
    public string Status { get; set; } = "";
    public StatusType StatusType { get; set; }
    public CasePriority Priority { get; set; }
    /// <summary>The queue the case waits in (Persona's <c>case-queue</c>); null: none.</summary>
    public int? QueueId { get; set; }
    /// <summary>A lead or the API placed the case explicitly: routing leaves its queue alone.</summary>
    public bool QueuePinned { get; set; }

    public string? AssigneeId { get; set; }
    public ActorType? AssignerType { get; set; }
    public string? AssignerId { get; set; }
    public ActorType CreatorType { get; set; }
    public string CreatorId { get; set; } = "";
    public string CreatorName { get; set; } = "";
    public string? Resolution { get; set; }
    public ActorType? ResolverType { get; set; }
    public string? ResolverId { get; set; }
    public string? ResolverName { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedByName { get; set; } = "";
    /// <summary>Who made the latest change (null on cases changed before this was recorded).</summary>
    public ActorType? UpdaterType { get; set; }
    public string? UpdaterId { get; set; }
    public DateTime? AssignedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public DateTime SlaExpiresAt { get; set; }
    /// <summary>When personal data in fields, external data and comments was erased (the shell, decision and audit remain).</summary>
    public DateTime? RedactedAt { get; set; }

    public string FieldsJson { get; set; } = "{}";
    public long Version { get; set; }

    public List<CaseTag> Tags { get; set; } = [];
    public List<CaseComment> Comments { get; set; } = [];
    public List<ExternalDocument> ExternalData { get; set; } = [];
    public List<CaseObjectLink> Links { get; set; } = [];
}

public sealed class CaseTag
{
    public long CaseId { get; set; }
    public string Tag { get; set; } = "";
}

public sealed class CaseComment
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public ActorType AuthorType { get; set; }
    public string AuthorId { get; set; } = "";
    public string AuthorName { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>A named JSON document attached to a case by a user or a system. Never overwritten: the newest of a name wins.</summary>
public sealed class ExternalDocument
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public string Name { get; set; } = "";
    public string Source { get; set; } = "";
    public DateTime AttachedAt { get; set; }
    public string AttachedBy { get; set; } = "";
    public string Json { get; set; } = "{}";
}

public sealed class CaseObjectLink
{
    public long CaseId { get; set; }
    public string ObjectId { get; set; } = "";
    public DateTime LinkedAt { get; set; }
    public string LinkedBy { get; set; } = "";
}
