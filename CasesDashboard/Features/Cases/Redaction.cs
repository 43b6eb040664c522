using CasesDashboard.Features.Audit;

namespace CasesDashboard.Features.Cases;

/// <summary>
/// How a redacted case reads. Its tables hold no personal data any more; its audit rows, which are append-only, still hold
/// the field values and comment excerpts they recorded, so every reader of a redacted case's timeline gets them masked here.
/// </summary>
public static class Redaction
{
    public const string Marker = "[redacted]";
    public const string EmptyDocument = "{}";

    /// <summary>The events as a reader may see them: on a redacted case, recorded values of fields and comments, and the comments
    /// kept with resolutions and reopens, read as <see cref="Marker"/>.</summary>
    public static IReadOnlyList<AuditEvent> Mask(IReadOnlyList<AuditEvent> events, DateTime? redactedAt) =>
        redactedAt is null ? events : events.Select(Mask).ToList();

    private static AuditEvent Mask(AuditEvent e)
    {
        var personal = e.Field is "comments" || e.Field?.StartsWith("fields.", StringComparison.Ordinal) == true;
        var withComment = e.Type is CaseEventTypes.Resolved or CaseEventTypes.Reopened;
        if (!personal && !withComment) return e;
        return new AuditEvent
        {
            Id = e.Id, CaseId = e.CaseId, CaseVersion = e.CaseVersion, Subject = e.Subject, Type = e.Type, ActorType = e.ActorType,
            ActorId = e.ActorId, ActorName = e.ActorName, At = e.At, Field = e.Field,
            OldValue = personal && e.OldValue is not null ? Marker : e.OldValue,
            NewValue = personal && e.NewValue is not null ? Marker : e.NewValue,
            Detail = withComment && e.Detail is not null ? Marker : e.Detail,
        };
    }
}
