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
    /// <summary>When the case was first assigned to anyone (kept through reassignments; analytics' time to first assignment).</summary>
    public DateTime? FirstAssignedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    /// <summary>When the resolution SLA is due: kept right by <see cref="Sla.SlaClock"/> on every change, or set explicitly (<see cref="SlaOverridden"/>).</summary>
    public DateTime SlaExpiresAt { get; set; }
    /// <summary>Where the SLA monitor has got with the case; indexed with <see cref="SlaExpiresAt"/>.</summary>
    public Sla.SlaStage SlaStage { get; set; }
    /// <summary>When the clock started (creation, or the last reopen).</summary>
    public DateTime SlaStartedAt { get; set; }
    /// <summary>The resolution target as working seconds on the policy's calendar.</summary>
    public long SlaTargetSeconds { get; set; }
    /// <summary>Working seconds used in running stretches that have ended (before <see cref="SlaRunningSince"/>).</summary>
    public long SlaUsedSeconds { get; set; }
    /// <summary>The start of the running stretch; null while paused or resolved.</summary>
    public DateTime? SlaRunningSince { get; set; }
    /// <summary>When the current pause began; null unless paused.</summary>
    public DateTime? SlaPausedSince { get; set; }
    /// <summary>Wall-clock seconds spent paused in pauses that have ended.</summary>
    public long SlaPausedSeconds { get; set; }
    /// <summary>A lead (or the API) set the due time explicitly: the policy no longer moves it until a reopen.</summary>
    public bool SlaOverridden { get; set; }
    /// <summary>When the first assignment is due (the policy's first-assignment target); null: no such target.</summary>
    public DateTime? AssignmentDueAt { get; set; }
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
