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
            TriggerTypes.Schedule => $"schedule {t.Cron} ({t.TimeZone ?? "UTC"})",
            _ => t.Type.Replace('_', ' '),
        };
        return t.Template is null || TriggerTypes.IsObject(t.Type) ? what : $"{what} in {t.Template}";
    }

    public static string Outcome(RunOutcome o) => o switch
    {
        RunOutcome.Succeeded => "ran",
        RunOutcome.NotMatched => "condition false",
        RunOutcome.Failed => "failed",
        RunOutcome.LimitReached => "loop bound",
        _ => "deduplicated",
    };
}
