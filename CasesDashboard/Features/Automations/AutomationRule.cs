namespace CasesDashboard.Features.Automations;

/// <summary>
/// A trigger → condition → action rule. The definition (trigger, condition tree, actions, granted roles) is JSON in
/// <see cref="DefinitionJson"/> (<see cref="RuleDefinition"/>); what the engine filters on is a column. Every edit bumps
/// <see cref="Version"/> (also the concurrency token) and keeps the previous state as an <see cref="AutomationRuleVersion"/>.
/// </summary>
public sealed class AutomationRule
{
    public int Id { get; set; }
    public string PublicId { get; set; } = "";
    public string Name { get; set; } = "";
    public bool Enabled { get; set; }
    /// <summary>Rules triggered by the same event run in this order (lower first).</summary>
    public int Order { get; set; }
    public int Version { get; set; }
    /// <summary>The trigger type (<see cref="TriggerTypes"/>), so the engine loads only the rules an event can start.</summary>
    public string TriggerType { get; set; } = "";
    public string DefinitionJson { get; set; } = "{}";
    /// <summary>Why the rule was switched off by the product (a reference it needs disappeared), shown on the list.</summary>
    public string? DisabledReason { get; set; }
    /// <summary>Schedule rules: when the schedule next fires (UTC).</summary>
    public DateTime? NextRunAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

/// <summary>One saved state of a rule: who made it and when.</summary>
public sealed class AutomationRuleVersion
{
    public long Id { get; set; }
    public int RuleId { get; set; }
    public int Version { get; set; }
    public string Name { get; set; } = "";
    public bool Enabled { get; set; }
    public int Order { get; set; }
    public string DefinitionJson { get; set; } = "{}";
    public DateTime EditedAt { get; set; }
    public string EditedById { get; set; } = "";
    public string EditedBy { get; set; } = "";
    /// <summary>What the edit was: created, edited, enabled, disabled, reordered, disabled by the product.</summary>
    public string Change { get; set; } = "";
}

public enum RunOutcome { Succeeded, NotMatched, Failed, LimitReached, Deduplicated }

/// <summary>One rule run (or one evaluation that did not match): the run log, per rule and per case.</summary>
public sealed class AutomationRun
{
    public long Id { get; set; }
    /// <summary><c>wfr_…</c>: the actor id of the changes the run made, so the timeline links to it.</summary>
    public string PublicId { get; set; } = "";
    public int RuleId { get; set; }
    public string RuleName { get; set; } = "";
    public int RuleVersion { get; set; }
    public long? CaseId { get; set; }
    public string? CasePublicId { get; set; }
    public string? ObjectId { get; set; }
    /// <summary>What started it, e.g. <c>case.status-updated Open → Working</c>, <c>schedule 0 9 * * *</c>, <c>manual by Ada</c>.</summary>
    public string Trigger { get; set; } = "";
    /// <summary>The event-log position of the triggering event (null for schedules and manual runs).</summary>
    public long? EventId { get; set; }
    public DateTime At { get; set; }
    public RunOutcome Outcome { get; set; }
    /// <summary>When not matched: the condition that was false, as its path and text.</summary>
    public string? FailedCondition { get; set; }
    /// <summary>The actions taken, one line each (JSON array of strings).</summary>
    public string ActionsJson { get; set; } = "[]";
    public int DurationMs { get; set; }
    public string? Error { get; set; }
    /// <summary>How many rule runs led to this one (0: a change made by a person or system).</summary>
    public int Depth { get; set; }
}
