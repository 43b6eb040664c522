using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Automations;

/// <summary>What an audit event is, as a trigger: its type, and the case or object it is about.</summary>
public sealed record TriggerEvent(string Type, AuditEvent Event, string Description)
{
    public string? ObjectId => Event.Subject is { } s && s.StartsWith("object:", StringComparison.Ordinal) ? s[7..] : null;
}

/// <summary>Maps audit events to triggers and decides whether a rule's trigger fires on one. Pure: no store, no clock.</summary>
public static class TriggerMatcher
{
    /// <summary>The trigger an audit event stands for, or null (a template edit, an API key, …).</summary>
    public static TriggerEvent? Of(AuditEvent e)
    {
        string? type = e.CaseId is null
            ? e.Subject?.StartsWith("object:", StringComparison.Ordinal) == true
                ? e.Type.EndsWith(".created", StringComparison.Ordinal) ? TriggerTypes.ObjectCreated
                : e.Type.EndsWith(".updated", StringComparison.Ordinal) ? TriggerTypes.ObjectUpdated : null
                : null
            : e.Type switch
            {
                CaseEventTypes.Created => TriggerTypes.CaseCreated,
                CaseEventTypes.StatusUpdated or CaseEventTypes.Reopened => TriggerTypes.StatusChanged,
                CaseEventTypes.Commented => TriggerTypes.CommentAdded,
                CaseEventTypes.SlaAtRisk => TriggerTypes.SlaAtRisk,
                CaseEventTypes.SlaExpired => TriggerTypes.SlaBreached,
                CaseEventTypes.Assigned => e.NewValue is null ? TriggerTypes.Unassigned : TriggerTypes.Assigned,
                CaseEventTypes.Updated when e.Field?.StartsWith("fields.", StringComparison.Ordinal) == true => TriggerTypes.FieldChanged,
                CaseEventTypes.Updated when e.Field == "tags" => e.NewValue is null ? TriggerTypes.TagRemoved : TriggerTypes.TagAdded,
                CaseEventTypes.Updated when e.Field?.StartsWith("objects.", StringComparison.Ordinal) == true && e.NewValue is not null => TriggerTypes.ObjectLinked,
                _ => null,
            };
        if (type is null) return null;
        var what = e.OldValue is null && e.NewValue is null ? e.Type
            : $"{e.Type} {e.Field}: {e.OldValue ?? "–"} → {e.NewValue ?? "–"}";
        return new TriggerEvent(type, e, what);
    }

    /// <summary>
    /// Whether <paramref name="t"/> fires on <paramref name="e"/>. <paramref name="caseTemplate"/> is the template of the event's case
    /// (for the template filter and to read status keys); <paramref name="objectKind"/> the kind of the event's object.
    /// </summary>
    public static bool Fires(RuleTrigger t, TriggerEvent e, TemplateSummary? caseTemplate, ObjectKind? objectKind = null)
    {
        if (t.Type != e.Type) return false;
        if (TriggerTypes.IsObject(t.Type)) return Kind(t.ObjectType, objectKind ?? KindOfSubject(e));
        if (t.Template is not null && caseTemplate?.Key != t.Template) return false;
        var a = e.Event;
        return t.Type switch
        {
            TriggerTypes.StatusChanged => Status(t.From, a.OldValue, caseTemplate) && Status(t.To, a.NewValue, caseTemplate),
            TriggerTypes.FieldChanged => t.Field is null || a.Field == $"fields.{t.Field}",
            TriggerTypes.TagAdded => t.Tag is null || string.Equals(a.NewValue, t.Tag, StringComparison.OrdinalIgnoreCase),
            TriggerTypes.TagRemoved => t.Tag is null || string.Equals(a.OldValue, t.Tag, StringComparison.OrdinalIgnoreCase),
            TriggerTypes.ObjectLinked => Kind(t.ObjectType, a.NewValue is { } id ? CaseObject.KindOfId(id) : null),
            _ => true,
        };
    }

    private static ObjectKind? KindOfSubject(TriggerEvent e) => e.ObjectId is { } id ? CaseObject.KindOfId(id) : null;

    private static bool Kind(string? wanted, ObjectKind? actual) =>
        wanted is null || actual is { } k && string.Equals(k.ToString(), wanted, StringComparison.OrdinalIgnoreCase);

    /// <summary>A status the rule names (key or label) against the label the audit row recorded.</summary>
    private static bool Status(string? wanted, string? label, TemplateSummary? template)
    {
        if (wanted is null) return true;
        if (label is null) return false;
        if (string.Equals(wanted, label, StringComparison.OrdinalIgnoreCase)) return true;
        var status = template?.Definition.Statuses.FirstOrDefault(s => string.Equals(s.Key, wanted, StringComparison.OrdinalIgnoreCase));
        return status is not null && string.Equals(status.Label, label, StringComparison.OrdinalIgnoreCase);
    }
}
