using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CasesDashboard.Features.Automations;

/// <summary>
/// What a rule does, as stored (and imported from <c>seed-data/automations</c>): a trigger, an optional condition tree in the
/// search API's condition language (<c>{"and": [...]}</c>, <c>{"attribute", "operator", "value"}</c>, …), the actions in order,
/// and the roles its runs act with.
/// </summary>
public sealed record RuleDefinition
{
    public RuleTrigger Trigger { get; init; } = new();
    /// <summary>Over the case (case triggers, schedules) or, for object triggers, over the object (<see cref="ObjectConditions"/>).</summary>
    public JsonObject? Condition { get; init; }
    public List<RuleAction> Actions { get; init; } = [];
    /// <summary>The roles the rule's runs act with; nothing beyond them.</summary>
    public List<string> Roles { get; init; } = [Security.Roles.Lead];

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RuleDefinition FromJson(string json) => JsonSerializer.Deserialize<RuleDefinition>(json, Json) ?? new();
}

public sealed record RuleTrigger
{
    public string Type { get; init; } = TriggerTypes.CaseCreated;
    /// <summary>Case triggers: only cases of this template (key); null for any.</summary>
    public string? Template { get; init; }
    /// <summary>status_changed: the status left / entered (key or label; null for any).</summary>
    public string? From { get; init; }
    public string? To { get; init; }
    /// <summary>field_changed: the field key (null for any field).</summary>
    public string? Field { get; init; }
    /// <summary>tag_added / tag_removed: the tag (null for any).</summary>
    public string? Tag { get; init; }
    /// <summary>object_linked / object_created / object_updated: inquiry, account, report or transaction (null for any).</summary>
    public string? ObjectType { get; init; }
    /// <summary>schedule: a five-field cron expression, evaluated in <see cref="TimeZone"/> (IANA id, default UTC).</summary>
    public string? Cron { get; init; }
    public string? TimeZone { get; init; }
}

public sealed record RuleAction
{
    public string Type { get; init; } = "";
    /// <summary>create_case: the template key.</summary>
    public string? Template { get; init; }
    /// <summary>create_case: skip when the account (or object) already has an open case of the template. Default true.</summary>
    public bool? Dedupe { get; init; }
    public string? Status { get; init; }
    public string? Priority { get; init; }
    public string? Field { get; init; }
    public JsonElement? Value { get; init; }
    public string? Tag { get; init; }
    /// <summary>assign: a user id or email address; null unassigns.</summary>
    public string? User { get; init; }
    public double? SlaHours { get; init; }
    public string? Comment { get; init; }
    /// <summary>assign_queue / assign_by_policy: the queue (key or <c>queue_…</c> id; assign_by_policy defaults to the case's queue).</summary>
    public string? Queue { get; init; }
    /// <summary>post_webhook: the webhook subscription (<c>wbh_…</c>).</summary>
    public string? Webhook { get; init; }
}

public static class TriggerTypes
{
    public const string CaseCreated = "case_created";
    public const string StatusChanged = "status_changed";
    public const string FieldChanged = "field_changed";
    public const string TagAdded = "tag_added";
    public const string TagRemoved = "tag_removed";
    public const string ObjectLinked = "object_linked";
    public const string CommentAdded = "comment_added";
    public const string Assigned = "assigned";
    public const string Unassigned = "unassigned";
    public const string ObjectCreated = "object_created";
    public const string ObjectUpdated = "object_updated";
    public const string Schedule = "schedule";
    /// <summary>The SLA monitor recorded that a case's SLA is within its at-risk window (<c>case.sla-at-risk</c>).</summary>
    public const string SlaAtRisk = "sla_at_risk";
    /// <summary>The SLA monitor recorded that a case's SLA expired (<c>case.sla-expired</c>).</summary>
    public const string SlaBreached = "sla_breached";
    /// <summary>Run only from a template's action button (Persona's case actions).</summary>
    public const string Manual = "manual";

    public static readonly IReadOnlyList<string> All =
        [CaseCreated, StatusChanged, FieldChanged, TagAdded, TagRemoved, ObjectLinked, CommentAdded, Assigned, Unassigned, SlaAtRisk, SlaBreached, ObjectCreated, ObjectUpdated, Schedule, Manual];

    public static bool IsObject(string type) => type is ObjectCreated or ObjectUpdated;
}

public static class ActionTypes
{
    public const string CreateCase = "create_case";
    public const string SetStatus = "set_status";
    public const string SetPriority = "set_priority";
    public const string SetField = "set_field";
    public const string AddTag = "add_tag";
    public const string RemoveTag = "remove_tag";
    public const string Assign = "assign";
    public const string SetSla = "set_sla";
    public const string AddComment = "add_comment";
    public const string PostWebhook = "post_webhook";
    /// <summary>Moves the case into a queue (pinned there, as a lead would); the queue's policy, if any, then assigns it.</summary>
    public const string AssignQueue = "assign_queue";
    /// <summary>Assigns the case now to the member the queue's policy picks (round robin, least loaded, skipping the away).</summary>
    public const string AssignByPolicy = "assign_by_policy";

    public static readonly IReadOnlyList<string> All =
        [CreateCase, SetStatus, SetPriority, SetField, AddTag, RemoveTag, Assign, AssignQueue, AssignByPolicy, SetSla, AddComment, PostWebhook];
}
