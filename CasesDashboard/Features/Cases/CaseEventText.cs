using System.Text.Json;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Cases;

/// <summary>One recorded change as a sentence: on the timeline, in the "changed by" banner and in a refused edit's message.</summary>
public static class CaseEventText
{
    public static string Describe(AuditEvent e, TemplateDefinition d) => Describe(new CaseChange(e.Field ?? "", e.OldValue, e.NewValue, e.Type, e.Detail), d);

    /// <summary>"Ana Silva changed KEY-5 at 10:32:05 UTC: Priority: High → Urgent; Tag added: vip".</summary>
    public static string Summary(CaseChanged change, TemplateDefinition d) =>
        $"{change.ActorName} changed {change.CaseName} at {change.At:HH:mm:ss} UTC: {string.Join("; ", change.Changes.Select(c => Describe(c, d)))}.";

    public static string Describe(CaseChange c, TemplateDefinition d)
    {
        string Or(string? v, string none = "nobody") => string.IsNullOrEmpty(v) ? none : v;
        var text = c.Type switch
        {
            CaseEventTypes.Created => $"Created {c.Detail}",
            CaseEventTypes.Assigned => $"Assignee: {Or(c.Old)} → {Or(c.New)}",
            CaseEventTypes.StatusUpdated => $"Status: {c.Old} → {c.New} {c.Detail}",
            CaseEventTypes.Resolved => $"Resolved as {c.New}",
            CaseEventTypes.Reopened => $"Reopened: {c.Old} → {c.New}" + (string.IsNullOrEmpty(c.Detail) ? "" : $" — {c.Detail}"),
            CaseEventTypes.Commented => $"Commented: {c.New}",
            CaseEventTypes.Redacted => $"Redacted: {c.Detail}",
            CaseEventTypes.SlaExpired => $"SLA breached: was due {c.Detail}",
            CaseEventTypes.SlaAtRisk => $"SLA at risk: due {c.Detail}",
            _ => Updated(c, d),
        };
        return text.Trim();
    }

    private static string Updated(CaseChange c, TemplateDefinition d)
    {
        var field = c.Field;
        if (field.StartsWith("fields.", StringComparison.Ordinal))
        {
            var def = d.FindField(field[7..]);
            string Show(string? raw) => raw is null ? "empty" : def is null || raw == Redaction.Marker ? raw : FieldValues.Display(def, JsonDocument.Parse(raw).RootElement) is var text
                && def.Type is FieldType.Select or FieldType.MultiSelect ? Wording.Words(text) : text;
            return $"{def?.Label ?? field[7..]}: {Show(c.Old)} → {Show(c.New)}";
        }
        if (field.StartsWith("objects.", StringComparison.Ordinal))
            return c.New is not null ? $"Linked {field[8..]} {c.New}" : $"Unlinked {field[8..]} {c.Old}";
        return field switch
        {
            "tags" => c.New is not null ? $"Tag added: {c.New}" : $"Tag removed: {c.Old}",
            "external_data" => $"Attached external data '{c.New}' ({c.Detail})",
            "priority" => $"Priority: {c.Old} → {c.New}",
            "template_version" => $"Template version: v{c.Old} → v{c.New}",
            "sla_expires_at" => $"SLA due: {c.Old} → {c.New}" + (string.IsNullOrEmpty(c.Detail) ? "" : $" — {c.Detail}"),
            _ => $"{Wording.Words(field)}: {c.Old ?? "empty"} → {c.New ?? "empty"}",
        };
    }
}
