using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Automations;

/// <summary>One case (or object) a rule would act on now, and what would change on it.</summary>
public sealed record DryRunItem(string Id, string Name, IReadOnlyList<string> Changes);

public sealed record DryRunResult(int Matched, IReadOnlyList<DryRunItem> Items, string Scope);

/// <summary>
/// Which existing open cases (case triggers, schedules, manual rules) or recent objects (object triggers) a rule would act on
/// now, and what each action would change there. Reads only: nothing is written, nothing is audited.
/// </summary>
public sealed class AutomationDryRun(CasesStore store, RuleValidator validator, ConditionScopes scopes)
{
    public const int Shown = 50;
    public const int RecentObjects = 500;

    public async Task<DryRunResult> RunAsync(RuleInput input, CancellationToken ct = default)
    {
        var rule = await validator.CompileAsync(new AutomationRule { Name = input.Name, TriggerType = input.Definition.Trigger.Type }, input.Definition, ct);
        var scope = await scopes.LoadAsync(ct);
        var (all, people) = (scope.Templates, scope.Users);
        await using var db = await store.ReadAsync(ct);
        return TriggerTypes.IsObject(rule.Definition.Trigger.Type)
            ? await ObjectsAsync(db, rule, all, ct)
            : await CasesAsync(db, rule, scope, ct);
    }

    private static async Task<DryRunResult> CasesAsync(CasesDbContext db, CompiledRule rule, ConditionScope scope, CancellationToken ct)
    {
        var (all, people) = (scope.Templates, scope.Users);
        var q = db.Cases.AsNoTracking().Where(c => c.StatusType != StatusType.End);
        if (rule.Definition.Trigger.Template is { } key)
        {
            var id = all.First(t => t.Key == key).Id;
            q = q.Where(c => c.TemplateId == id);
        }
        // An SLA-breach rule would act on the cases whose SLA has run out (as the monitor records them), not on every open case.
        var breached = rule.Definition.Trigger.Type == TriggerTypes.SlaBreached && scope.Now is not null;
        if (breached) q = q.Where(c => c.SlaPausedSince == null && c.SlaExpiresAt <= scope.Now!.Value);
        if (rule.Condition is not null) q = q.Where(scope.Over(db).Compile(rule.Condition));
        var count = await q.CountAsync(ct);
        var cases = await q.OrderByDescending(c => c.Id).Take(Shown).Include(c => c.Tags).ToListAsync(ct);
        var byId = all.ToDictionary(t => t.Id);
        var items = cases.Select(c => new DryRunItem(c.PublicId, c.Name,
            rule.Definition.Actions.Select(a => Describe(a, c, byId[c.TemplateId].Definition, people)).ToList())).ToList();
        return new DryRunResult(count, items, "open cases" + (rule.Definition.Trigger.Template is { } k ? $" of {k}" : "") + (breached ? " past their SLA" : ""));
    }

    private static async Task<DryRunResult> ObjectsAsync(CasesDbContext db, CompiledRule rule, IReadOnlyList<TemplateSummary> all, CancellationToken ct)
    {
        var q = db.Objects.AsNoTracking();
        if (rule.Definition.Trigger.ObjectType is { } type && Enum.TryParse<ObjectKind>(type, true, out var kind)) q = q.Where(o => o.Kind == kind);
        var recent = await q.OrderByDescending(o => o.CreatedAt).Take(RecentObjects).ToListAsync(ct);
        var matching = recent.Where(o => ObjectConditions.Matches(rule.Condition, o)).ToList();
        var items = new List<DryRunItem>();
        foreach (var o in matching.Take(Shown))
        {
            var changes = new List<string>();
            foreach (var a in rule.Definition.Actions)
            {
                if (a.Type != ActionTypes.CreateCase) { changes.Add(Verb(a)); continue; }
                var template = all.First(t => t.Key == a.Template);
                var keys = o.ReferenceId is null ? [o.Id] : await db.Objects.Where(x => x.ReferenceId == o.ReferenceId).Select(x => x.Id).ToListAsync(ct);
                var open = a.Dedupe == false ? null : await db.Cases.Where(c => c.TemplateId == template.Id && c.StatusType != StatusType.End
                    && c.Links.Any(l => keys.Contains(l.ObjectId))).Select(c => c.Name).FirstOrDefaultAsync(ct);
                if (open is not null) { changes.Add($"no new case: {open} is already open"); break; }
                changes.Add($"create a {template.Name} case linking {o.Id}");
            }
            items.Add(new DryRunItem(o.Id, o.ReferenceId ?? o.Id, changes));
        }
        return new DryRunResult(matching.Count, items, $"the {recent.Count} most recent objects");
    }

    /// <summary>What an action would do to a case as it is now ("status Open → Working", "tag vip already there").</summary>
    private static string Describe(RuleAction a, Case c, TemplateDefinition d, IReadOnlyList<UserInfo> people) => a.Type switch
    {
        ActionTypes.SetStatus => RuleValidator.StatusKey(d, a.Status!) is not { } s ? $"status {a.Status}: not a status of {d.Name} (would fail)"
            : s == c.Status ? $"status already {s}"
            : !d.Allows(c.Status, s) ? $"status {c.Status} → {s}: not an allowed transition (would fail)"
            : $"status {c.Status} → {s}",
        ActionTypes.SetPriority => string.Equals(c.Priority.ToString(), a.Priority, StringComparison.OrdinalIgnoreCase)
            ? $"priority already {a.Priority}" : $"priority {c.Priority.ToString().ToLowerInvariant()} → {a.Priority!.ToLowerInvariant()}",
        ActionTypes.AddTag => c.Tags.Any(t => t.Tag == CaseInputRules.NormalizeTag(a.Tag)) ? $"tag {a.Tag} already there" : $"tag + {a.Tag}",
        ActionTypes.RemoveTag => c.Tags.Any(t => t.Tag == CaseInputRules.NormalizeTag(a.Tag)) ? $"tag − {a.Tag}" : $"tag {a.Tag} not there",
        ActionTypes.Assign => a.User is null ? (c.AssigneeId is null ? "already unassigned" : "unassign")
            : RuleValidator.FindUser(a.User, people) is { } u && u.Id == c.AssigneeId ? $"already assigned to {u.DisplayName}"
            : $"assign to {RuleValidator.FindUser(a.User, people)?.DisplayName ?? a.User}",
        _ => Verb(a),
    };

    private static string Verb(RuleAction a) => a.Type switch
    {
        ActionTypes.CreateCase => $"create a {a.Template} case",
        ActionTypes.SetStatus => $"status → {a.Status}",
        ActionTypes.SetPriority => $"priority → {a.Priority}",
        ActionTypes.SetField => $"{a.Field} → {a.Value?.GetRawText()}",
        ActionTypes.AddTag => $"tag + {a.Tag}",
        ActionTypes.RemoveTag => $"tag − {a.Tag}",
        ActionTypes.Assign => a.User is null ? "unassign" : $"assign to {a.User}",
        ActionTypes.SetSla => $"SLA due {a.SlaHours} h from the run",
        ActionTypes.AddComment => "add a comment",
        ActionTypes.PostWebhook => $"post to webhook {a.Webhook}",
        ActionTypes.AssignQueue => $"queue → {a.Queue}",
        ActionTypes.AssignByPolicy => $"assign by the policy of {a.Queue ?? "the case's queue"}",
        _ => a.Type,
    };
}
