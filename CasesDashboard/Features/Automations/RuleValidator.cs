using System.Text.Json;
using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Cronos;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Automations;

/// <summary>A rule ready to run: its definition, parsed condition and (schedules) cron and time zone.</summary>
public sealed record CompiledRule(AutomationRule Rule, RuleDefinition Definition, CasePredicate? Condition, CronExpression? Cron, TimeZoneInfo TimeZone)
{
    public DateTime? NextAfter(DateTime utc) =>
        Cron?.GetNextOccurrence(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);
}

/// <summary>
/// Checks a rule against what exists now: every template, status, field, user, webhook and role it names, the cron expression
/// and time zone, and the condition (compiled as a query would be). Each problem names its path (<c>actions[1].user</c>). Used on
/// save, and by the engine before a run: a rule whose reference disappeared is disabled with the reason.
/// </summary>
public sealed class RuleValidator(CasesStore store, ConditionScopes scopes, Queues.QueueDirectory queues)
{
    public const int MaxActions = 20;

    public async Task<CompiledRule> CompileAsync(AutomationRule rule, RuleDefinition definition, CancellationToken ct = default)
    {
        var problems = new List<Problem>();
        var conditionScope = await scopes.LoadAsync(ct);
        var (all, people) = (conditionScope.Templates, conditionScope.Users);
        var t = definition.Trigger;
        if (string.IsNullOrWhiteSpace(rule.Name)) problems.Add(new("name", "A rule needs a name."));
        else if (rule.Name.Length > 200) problems.Add(new("name", "A rule's name is at most 200 characters."));
        if (!TriggerTypes.All.Contains(t.Type))
            problems.Add(new("trigger.type", $"'{t.Type}' is not a trigger; use one of {string.Join(", ", TriggerTypes.All)}."));
        var template = t.Template is null ? null : all.FirstOrDefault(x => x.Key == t.Template);
        if (t.Template is not null && (template is null || template.Archived))
            problems.Add(new("trigger.template", template is null ? $"There is no case template '{t.Template}'." : $"Template {t.Template} is archived."));
        var scope = template is null ? all.Where(x => !x.Archived).ToList() : [template];
        CheckStatus(t.From, "trigger.from", scope, problems);
        CheckStatus(t.To, "trigger.to", scope, problems);
        if (t.Field is not null && !scope.Any(x => x.Definition.FindField(t.Field) is { Retired: false }))
            problems.Add(new("trigger.field", $"'{t.Field}' is not a field of {Scope(template)}."));
        if (t.ObjectType is not null && !Enum.TryParse<ObjectKind>(t.ObjectType, true, out _))
            problems.Add(new("trigger.object_type", "object_type is inquiry, account, report or transaction."));
        CronExpression? cron = null;
        var zone = TimeZoneInfo.Utc;
        if (t.Type == TriggerTypes.Schedule)
        {
            if (string.IsNullOrWhiteSpace(t.Cron)) problems.Add(new("trigger.cron", "A schedule needs a cron expression, e.g. 0 9 * * 1-5."));
            else
                try { cron = CronExpression.Parse(t.Cron); }
                catch (CronFormatException e) { problems.Add(new("trigger.cron", $"'{t.Cron}' is not a cron expression: {e.Message}")); }
            if (t.TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(t.TimeZone, out zone!))
            {
                problems.Add(new("trigger.time_zone", $"'{t.TimeZone}' is not a time zone (use an IANA id such as Europe/Berlin)."));
                zone = TimeZoneInfo.Utc;
            }
            if (definition.Condition is null) problems.Add(new("condition", "A schedule runs over the cases its condition selects: give one (e.g. state eq open)."));
        }

        CasePredicate? condition = null;
        try
        {
            condition = RuleConditions.Parse(definition.Condition);
            if (condition is not null)
            {
                if (TriggerTypes.IsObject(t.Type)) ObjectConditions.Validate(condition);
                else
                {
                    await using var db = await store.ReadAsync(ct);
                    RuleConditions.Validate(db, condition, conditionScope);
                }
            }
        }
        catch (InputException e) { problems.AddRange(e.Problems.Select(p => p with { Path = p.Path.TrimStart('/') })); }

        if (definition.Roles.Count == 0) problems.Add(new("roles", "Give the rule the roles its runs act with (Analyst, Lead or Admin)."));
        foreach (var (role, i) in definition.Roles.Select((r, i) => (r, i)))
            if (!Roles.All.Contains(role)) problems.Add(new($"roles[{i}]", $"'{role}' is not a role; use {string.Join(", ", Roles.All)}."));
        if (definition.Actions.Count == 0) problems.Add(new("actions", "A rule needs at least one action."));
        if (definition.Actions.Count > MaxActions) problems.Add(new("actions", $"A rule has at most {MaxActions} actions."));
        for (var i = 0; i < definition.Actions.Count; i++)
            await CheckActionAsync(definition.Actions[i], $"actions[{i}]", !TriggerTypes.IsObject(t.Type) || definition.Actions.Take(i).Any(x => x.Type == ActionTypes.CreateCase),
                scope, template, all, people, problems, ct);
        if (problems.Count > 0) throw new ValidationException(problems);
        return new CompiledRule(rule, definition, condition, cron, zone);
    }

    private async Task CheckActionAsync(RuleAction a, string path, bool hasCase, IReadOnlyList<TemplateSummary> scope, TemplateSummary? template,
        IReadOnlyList<TemplateSummary> all, IReadOnlyList<UserInfo> people, List<Problem> problems, CancellationToken ct)
    {
        void Need(object? value, string member, string what)
        {
            if (value is null || value is string s && string.IsNullOrWhiteSpace(s)) problems.Add(new($"{path}.{member}", $"{a.Type} needs {what}."));
        }
        switch (a.Type)
        {
            case ActionTypes.CreateCase:
                Need(a.Template, "template", "a template");
                if (a.Template is not null && all.FirstOrDefault(x => x.Key == a.Template) is not { Archived: false })
                    problems.Add(new($"{path}.template", $"There is no open case template '{a.Template}'."));
                break;
            case ActionTypes.SetStatus:
                Need(a.Status, "status", "a status");
                CheckStatus(a.Status, $"{path}.status", scope, problems);
                break;
            case ActionTypes.SetPriority:
                if (!Enum.TryParse<CasePriority>(a.Priority, true, out _) || int.TryParse(a.Priority, out _))
                    problems.Add(new($"{path}.priority", $"priority is one of {string.Join(", ", Enum.GetNames<CasePriority>().Select(n => n.ToLowerInvariant()))}."));
                break;
            case ActionTypes.SetField:
                Need(a.Field, "field", "a field");
                if (a.Field is not null)
                {
                    var owners = scope.Where(x => x.Definition.FindField(a.Field) is { Retired: false }).ToList();
                    if (owners.Count == 0) problems.Add(new($"{path}.field", $"'{a.Field}' is not a field of {Scope(template)}."));
                    else if (a.Value is not { } v) problems.Add(new($"{path}.value", "set_field needs a value (null clears the field)."));
                    else
                    {
                        var fieldProblems = new List<Problem>();
                        if (v.ValueKind != JsonValueKind.Null) CaseInputRules.CheckField(owners[0].Definition, a.Field, v, $"{path}.value", fieldProblems);
                        problems.AddRange(fieldProblems);
                    }
                }
                break;
            case ActionTypes.AddTag or ActionTypes.RemoveTag:
                if (CaseInputRules.NormalizeTag(a.Tag) is null)
                    problems.Add(new($"{path}.tag", $"A tag is 1-{CaseInputRules.MaxTagLength} letters, digits, '-', '_' or ':'."));
                break;
            case ActionTypes.Assign:
                if (a.User is not null && FindUser(a.User, people) is not { } user)
                    problems.Add(new($"{path}.user", $"No user '{a.User}'."));
                else if (a.User is not null && !FindUser(a.User, people)!.Roles.Any(r => r is Roles.Admin or Roles.Lead or Roles.Analyst))
                    problems.Add(new($"{path}.user", $"{a.User} is a viewer and cannot be assigned cases."));
                break;
            case ActionTypes.AssignQueue or ActionTypes.AssignByPolicy:
                if (a.Type == ActionTypes.AssignQueue) Need(a.Queue, "queue", "a queue");
                if (a.Queue is not null)
                {
                    var queue = FindQueue(a.Queue, await queues.AllAsync(ct));
                    if (queue is null) problems.Add(new($"{path}.queue", $"There is no queue '{a.Queue}'."));
                    else if (queue.Archived) problems.Add(new($"{path}.queue", $"The {queue.Name} queue is archived."));
                    else if (a.Type == ActionTypes.AssignByPolicy && queue.Policy == Queues.AssignmentPolicy.Manual)
                        problems.Add(new($"{path}.queue", $"The {queue.Name} queue has no assignment policy (its analysts take the next case themselves)."));
                }
                break;
            case ActionTypes.SetSla:
                if (a.SlaHours is not (> 0 and <= 24 * 3650)) problems.Add(new($"{path}.sla_hours", "sla_hours is more than 0 and at most 87,600 (ten years)."));
                break;
            case ActionTypes.AddComment:
                Need(a.Comment, "comment", "the comment's text");
                if (a.Comment?.Length > 10_000) problems.Add(new($"{path}.comment", "A comment is at most 10,000 characters."));
                break;
            case ActionTypes.PostWebhook:
                Need(a.Webhook, "webhook", "a webhook subscription (wbh_…)");
                if (a.Webhook is not null)
                {
                    await using var db = await store.ReadAsync(ct);
                    if (!await db.WebhookSubscriptions.AnyAsync(s => s.PublicId == a.Webhook, ct))
                        problems.Add(new($"{path}.webhook", $"There is no webhook subscription '{a.Webhook}'."));
                }
                break;
            default:
                problems.Add(new($"{path}.type", $"'{a.Type}' is not an action; use one of {string.Join(", ", ActionTypes.All)}."));
                return;
        }
        if (a.Type != ActionTypes.CreateCase && !hasCase)
            problems.Add(new($"{path}.type", $"An object trigger has no case to {a.Type.Replace('_', ' ')}: start with create_case, or trigger on a case event."));
    }

    public static UserInfo? FindUser(string idOrEmail, IReadOnlyList<UserInfo> people) =>
        people.FirstOrDefault(u => u.Id == idOrEmail || string.Equals(u.Email, idOrEmail, StringComparison.OrdinalIgnoreCase));

    public static Queues.QueueInfo? FindQueue(string keyOrId, IReadOnlyList<Queues.QueueInfo> all) =>
        all.FirstOrDefault(q => q.PublicId == keyOrId || string.Equals(q.Key, keyOrId, StringComparison.OrdinalIgnoreCase));

    private static void CheckStatus(string? status, string path, IReadOnlyList<TemplateSummary> scope, List<Problem> problems)
    {
        if (status is null) return;
        if (!scope.Any(x => StatusKey(x.Definition, status) is not null))
            problems.Add(new(path, $"'{status}' is not a status of {(scope.Count == 1 ? scope[0].Key : "any open template")}."));
    }

    /// <summary>The status a rule names, by key or label (case-insensitive).</summary>
    public static string? StatusKey(TemplateDefinition d, string status) =>
        d.Statuses.FirstOrDefault(s => string.Equals(s.Key, status, StringComparison.OrdinalIgnoreCase)
            || string.Equals(s.Label, status, StringComparison.OrdinalIgnoreCase))?.Key;

    private static string Scope(TemplateSummary? t) => t is null ? "any open template" : $"template {t.Key}";
}
