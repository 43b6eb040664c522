using CasesDashboard.Features.Audit;

namespace CasesDashboard.Features.Webhooks;

/// <summary>
/// One case change as webhooks see it: the audit rows of one case version, and the Persona event names they make; <see cref="Tx"/> and
/// <see cref="Position"/> place its first row in the log.
/// </summary>
public sealed record CaseChangeEvents(long CaseId, long? Version, DateTime At, IReadOnlyList<string> Names, long Tx = 0, long Position = 0);

/// <summary>
/// Persona's case event names, and how our audit events map to them. One change of a case is the set of audit rows with the same
/// case and case version (a resolve writes a status change and a resolution; a create may also assign); it yields each of its
/// names once, in the order the rows were written.
/// </summary>
public static class WebhookEvents
{
    public const string CaseCreated = "case.created";
    public const string CaseAssigned = "case.assigned";
    public const string CaseStatusUpdated = "case.status-updated";
    public const string CaseResolved = "case.resolved";
    public const string CaseReopened = "case.reopened";
    public const string CaseUpdated = "case.updated";
    public const string CaseUpdatedFields = "case.updated-fields";
    public const string CaseUpdatedTags = "case.updated-tags";
    public const string CaseQueueUpdated = "case.queue-updated";
    public const string CaseSlaExpired = "case.sla-expired";
    public const string CaseRedacted = "case.redacted";
    public const string CaseCommentCreated = "case-comment.created";
    /// <summary>The event "send a test event" sends; nobody subscribes to it.</summary>
    public const string Test = "webhook.test";

    /// <summary>What a subscription may name.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        CaseCreated, CaseAssigned, CaseStatusUpdated, CaseResolved, CaseReopened, CaseUpdated, CaseUpdatedFields, CaseUpdatedTags,
        CaseQueueUpdated, CaseSlaExpired, CaseRedacted, CaseCommentCreated,
    ];

    /// <summary>The Persona event an audit row stands for, or null (not a case event, or one webhooks do not carry).</summary>
    public static string? NameOf(AuditEvent e) => e.CaseId is null ? null : e.Type switch
    {
        CaseEventTypes.Created => CaseCreated,
        CaseEventTypes.Assigned => CaseAssigned,
        CaseEventTypes.StatusUpdated => CaseStatusUpdated,
        CaseEventTypes.Resolved => CaseResolved,
        CaseEventTypes.Reopened => CaseReopened,
        CaseEventTypes.Commented => CaseCommentCreated,
        CaseEventTypes.Redacted => CaseRedacted,
        CaseEventTypes.SlaExpired => CaseSlaExpired,
        CaseEventTypes.Updated when e.Field?.StartsWith("fields.", StringComparison.Ordinal) == true => CaseUpdatedFields,
        CaseEventTypes.Updated when e.Field == "tags" => CaseUpdatedTags,
        CaseEventTypes.Updated when e.Field == "queue" => CaseQueueUpdated,
        CaseEventTypes.Updated => CaseUpdated,
        _ => null,
    };

    /// <summary>The case changes in <paramref name="batch"/>, in log order, each with its distinct event names.</summary>
    public static IReadOnlyList<CaseChangeEvents> Changes(IReadOnlyList<AuditEvent> batch)
    {
        var changes = new List<CaseChangeEvents>();
        var index = new Dictionary<(long Case, long Version), int>();
        foreach (var e in batch)
        {
            if (NameOf(e) is not { } name) continue;
            // Rows written before case versions were recorded stand alone.
            var key = (e.CaseId!.Value, e.CaseVersion ?? -e.Id);
            if (index.TryGetValue(key, out var at))
            {
                var change = changes[at];
                if (!change.Names.Contains(name)) changes[at] = change with { Names = [.. change.Names, name] };
            }
            else
            {
                index[key] = changes.Count;
                changes.Add(new CaseChangeEvents(e.CaseId.Value, e.CaseVersion, e.At, [name], e.TxId ?? 0, e.Id));
            }
        }
        return changes;
    }
}
