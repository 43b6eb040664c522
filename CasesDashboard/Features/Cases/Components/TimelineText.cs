using System.Text.Json;
using CasesDashboard.Components.Shared;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Cases.Components;

/// <summary>One audit event as a sentence on the case's timeline.</summary>
public static class TimelineText
{
    public static string Describe(AuditEvent e, TemplateDefinition d)
    {
        string Or(string? v, string none = "nobody") => string.IsNullOrEmpty(v) ? none : v;
        var text = e.Type switch
        {
            CaseEventTypes.Created => $"Created {e.Detail}",
            CaseEventTypes.Assigned => $"Assignee: {Or(e.OldValue)} → {Or(e.NewValue)}",
            CaseEventTypes.StatusUpdated => $"Status: {e.OldValue} → {e.NewValue} {e.Detail}",
            CaseEventTypes.Resolved => $"Resolved as {e.NewValue}",
            CaseEventTypes.Reopened => $"Reopened: {e.OldValue} → {e.NewValue}" + (string.IsNullOrEmpty(e.Detail) ? "" : $" — {e.Detail}"),
            CaseEventTypes.Commented => $"Commented: {e.NewValue}",
            _ => Updated(e, d),
        };
        return text.Trim();
    }

    private static string Updated(AuditEvent e, TemplateDefinition d)
    {
        var field = e.Field ?? "";
        if (field.StartsWith("fields.", StringComparison.Ordinal))
        {
            var def = d.FindField(field[7..]);
            string Show(string? raw) => raw is null ? "empty" : def is null ? raw : FieldValues.Display(def, JsonDocument.Parse(raw).RootElement) is var text
                && def.Type is FieldType.Select or FieldType.MultiSelect ? Display.Words(text) : text;
            return $"{def?.Label ?? field[7..]}: {Show(e.OldValue)} → {Show(e.NewValue)}";
        }
        if (field.StartsWith("objects.", StringComparison.Ordinal))
            return e.NewValue is not null ? $"Linked {field[8..]} {e.NewValue}" : $"Unlinked {field[8..]} {e.OldValue}";
        return field switch
        {
            "tags" => e.NewValue is not null ? $"Tag added: {e.NewValue}" : $"Tag removed: {e.OldValue}",
            "external_data" => $"Attached external data '{e.NewValue}' ({e.Detail})",
            "priority" => $"Priority: {e.OldValue} → {e.NewValue}",
            _ => $"{Display.Words(field)}: {e.OldValue ?? "empty"} → {e.NewValue ?? "empty"}",
        };
    }
}
