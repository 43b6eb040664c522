namespace CasesDashboard.Features.Automations;

/// <summary>Rules and runs as short text for lists ("status changed Open → Working in TST").</summary>
public static class RuleText
{
    public static string Trigger(RuleTrigger t)
    {
        var what = t.Type switch
        {
            TriggerTypes.StatusChanged => $"status changed {t.From ?? "any"} → {t.To ?? "any"}",
            TriggerTypes.FieldChanged => $"field {t.Field ?? "any"} changed",
            TriggerTypes.TagAdded => $"tag {t.Tag ?? "any"} added",
            TriggerTypes.TagRemoved => $"tag {t.Tag ?? "any"} removed",
            TriggerTypes.ObjectLinked => $"{t.ObjectType ?? "object"} linked",
            TriggerTypes.ObjectCreated => $"{t.ObjectType ?? "object"} created",
            TriggerTypes.ObjectUpdated => $"{t.ObjectType ?? "object"} updated",
            TriggerTypes.SlaAtRisk => "SLA at risk",
            TriggerTypes.SlaBreached => "SLA breached",
            TriggerTypes.Schedule => $"schedule {t.Cron} ({t.TimeZone ?? "UTC"})",
            _ => t.Type.Replace('_', ' '),
        };
        return t.Template is null || TriggerTypes.IsObject(t.Type) ? what : $"{what} in {t.Template}";
    }

    /// <summary>A trigger type as the editor offers it ("SLA breached", "tag added").</summary>
    public static string TriggerType(string type) => type switch
    {
        TriggerTypes.SlaAtRisk => "SLA at risk",
        TriggerTypes.SlaBreached => "SLA breached",
        _ => type.Replace('_', ' '),
    };

    public static string Outcome(RunOutcome o) => o switch
    {
        RunOutcome.Succeeded => "ran",
        RunOutcome.NotMatched => "condition false",
        RunOutcome.Failed => "failed",
        RunOutcome.LimitReached => "loop bound",
        _ => "deduplicated",
    };
}
