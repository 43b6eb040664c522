using CasesDashboard.Features.Security;

namespace CasesDashboard.Features.Audit;

/// <summary>
/// One change: who, when, what, old → new. Written in the same transaction as the change it records;
/// append-only, never updated in place. A case's timeline is its events in id order.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public long? CaseId { get; set; }
    /// <summary>For a case event: the case version the change produced. A stale edit reads what changed since its version.</summary>
    public long? CaseVersion { get; set; }
    /// <summary>What the event is about when it is not a case, e.g. <c>template:DOR</c>.</summary>
    public string? Subject { get; set; }
    public string Type { get; set; } = "";
    public ActorType ActorType { get; set; }
    public string ActorId { get; set; } = "";
    public string ActorName { get; set; } = "";
    public DateTime At { get; set; }
    public string? Field { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public string? Detail { get; set; }
    /// <summary>PostgreSQL only: the writing transaction (<c>pg_current_xact_id()</c>), so the event log reads in commit order (ADR 007).</summary>
    public long? TxId { get; set; }

    /// <summary>What the timeline keeps of a long text (a comment): its first 200 characters.</summary>
    public static string Excerpt(string text) => text.Length > 200 ? text[..200] + "…" : text;

    /// <summary>An event by <paramref name="actor"/> about a case (<paramref name="caseId"/>) or another subject.</summary>
    public static AuditEvent By(Actor actor, DateTime at, string type, long? caseId = null, string? subject = null,
        string? field = null, string? oldValue = null, string? newValue = null, string? detail = null) => new()
    {
        CaseId = caseId, Subject = subject, Type = type, At = at, ActorType = actor.Type, ActorId = actor.Id, ActorName = actor.Name,
        Field = field, OldValue = oldValue, NewValue = newValue, Detail = detail,
    };
}

/// <summary>Persona's case event names.</summary>
public static class CaseEventTypes
{
    public const string Created = "case.created";
    public const string Assigned = "case.assigned";
    public const string StatusUpdated = "case.status-updated";
    public const string Resolved = "case.resolved";
    public const string Reopened = "case.reopened";
    public const string Updated = "case.updated";
    public const string Commented = "case.commented";
    public const string Redacted = "case.redacted";
    public const string SlaExpired = "case.sla-expired";
    /// <summary>The case came within the at-risk window of its due time (recorded once per due time by the SLA monitor).</summary>
    public const string SlaAtRisk = "case.sla-at-risk";
}

/// <summary>Event names of verification objects; the object is the event's subject (<c>object:inq_…</c>).</summary>
public static class ObjectEventTypes
{
    public static string Created(Objects.ObjectKind kind) => $"{kind.ToString().ToLowerInvariant()}.created";
    public static string Updated(Objects.ObjectKind kind) => $"{kind.ToString().ToLowerInvariant()}.updated";
    public static string Subject(string objectId) => $"object:{objectId}";
}
