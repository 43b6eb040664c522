using System.Text.Json;
using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Automations;

public sealed record RuleSummary(string Id, string Name, bool Enabled, int Order, string TriggerType, int Version, DateTime UpdatedAt,
    string UpdatedBy, string? DisabledReason, RuleDefinition Definition);

public sealed record RuleInput(string Name, RuleDefinition Definition, bool Enabled = true);

/// <summary>
/// Rules for admins: list, create, edit (refused when a reference is unknown, each problem at its path; stale edits refused),
/// enable / disable, order, versions, and the run log per rule, per case and per run. Every change writes a version row (who, when,
/// what) and an audit event under <c>automation:&lt;id&gt;</c> in the same transaction.
/// </summary>
public sealed class AutomationService(CasesStore store, RuleValidator validator, TimeProvider clock)
{
    public async Task<IReadOnlyList<RuleSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        return (await db.AutomationRules.AsNoTracking().OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct)).Select(Summary).ToList();
    }

    public async Task<RuleSummary> GetAsync(string id, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        return Summary(await db.AutomationRules.AsNoTracking().SingleOrDefaultAsync(r => r.PublicId == id, ct) ?? throw new NotFoundException("Automation", id));
    }

    public async Task<string> CreateAsync(RuleInput input, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var rule = new AutomationRule { Name = input.Name?.Trim() ?? "", Enabled = input.Enabled, TriggerType = input.Definition.Trigger.Type };
        var compiled = await validator.CompileAsync(rule, input.Definition, ct);
        return await store.WriteAsync(async db =>
        {
            if (await db.AutomationRules.AnyAsync(r => r.Name == rule.Name, ct))
                throw new ValidationException("name", $"There is already a rule named '{rule.Name}'.");
            var now = clock.GetUtcNow().UtcDateTime;
            rule.PublicId = PublicIds.New("rul_");
            rule.Order = (await db.AutomationRules.MaxAsync(r => (int?)r.Order, ct) ?? 0) + 10;
            rule.DefinitionJson = input.Definition.ToJson();
            rule.CreatedAt = now;
            rule.NextRunAt = compiled.NextAfter(now);
            db.AutomationRules.Add(rule);
            await db.SaveChangesAsync(ct);
            Record(db, rule, actor, now, "created", () => { });
            return rule.PublicId;
        }, ct);
    }

    /// <summary>Saves an edit. <paramref name="expectedVersion"/> is the version the editor loaded; a newer one refuses the edit.</summary>
    public async Task<int> UpdateAsync(string id, RuleInput input, int expectedVersion, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var current = await GetEntityAsync(id, ct);
        var draft = new AutomationRule { Id = current.Id, Name = input.Name?.Trim() ?? "", TriggerType = input.Definition.Trigger.Type };
        var compiled = await validator.CompileAsync(draft, input.Definition, ct);
        return await store.WriteAsync(async db =>
        {
            var rule = await db.AutomationRules.SingleOrDefaultAsync(r => r.PublicId == id, ct) ?? throw new NotFoundException("Automation", id);
            if (rule.Version != expectedVersion)
                throw new ConflictException($"{rule.Name} was changed by {rule.UpdatedBy} since you opened it (version {rule.Version}); reload it and edit again.");
            if (await db.AutomationRules.AnyAsync(r => r.Name == draft.Name && r.Id != rule.Id, ct))
                throw new ValidationException("name", $"There is already a rule named '{draft.Name}'.");
            var now = clock.GetUtcNow().UtcDateTime;
            Record(db, rule, actor, now, "edited", () =>
            {
                rule.Name = draft.Name;
                rule.TriggerType = draft.TriggerType;
                rule.DefinitionJson = input.Definition.ToJson();
                rule.Enabled = input.Enabled;
                if (input.Enabled) rule.DisabledReason = null;
                rule.NextRunAt = compiled.NextAfter(now);
            });
            return rule.Version;
        }, ct);
    }

    public async Task SetEnabledAsync(string id, bool enabled, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var current = await GetEntityAsync(id, ct);
        if (enabled) await validator.CompileAsync(current, RuleDefinition.FromJson(current.DefinitionJson), ct);   // a broken rule stays off
        await store.WriteAsync(async db =>
        {
            var rule = await db.AutomationRules.SingleAsync(r => r.PublicId == id, ct);
            if (rule.Enabled == enabled) return 0;
            Record(db, rule, actor, clock.GetUtcNow().UtcDateTime, enabled ? "enabled" : "disabled", () =>
            {
                rule.Enabled = enabled;
                rule.DisabledReason = null;
            });
            return 0;
        }, ct);
    }

    /// <summary>Moves a rule one place earlier (<paramref name="by"/> = -1) or later (+1) in the run order.</summary>
    public async Task MoveAsync(string id, int by, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await store.WriteAsync(async db =>
        {
            var rules = await db.AutomationRules.OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct);
            var at = rules.FindIndex(r => r.PublicId == id);
            if (at < 0) throw new NotFoundException("Automation", id);
            var to = Math.Clamp(at + Math.Sign(by), 0, rules.Count - 1);
            if (to == at) return 0;
            var now = clock.GetUtcNow().UtcDateTime;
            var moved = rules[at];
            rules.RemoveAt(at);
            rules.Insert(to, moved);
            for (var i = 0; i < rules.Count; i++)
                if (rules[i].Order != (i + 1) * 10)
                {
                    var r = rules[i];
                    var order = (i + 1) * 10;
                    if (r == moved) Record(db, r, actor, now, $"moved to place {i + 1}", () => r.Order = order);
                    else r.Order = order;
                }
            return 0;
        }, ct);
    }

    public async Task<IReadOnlyList<AutomationRuleVersion>> VersionsAsync(string id, CancellationToken ct = default)
    {
        var rule = await GetEntityAsync(id, ct);
        await using var db = await store.ReadAsync(ct);
        return await db.AutomationRuleVersions.AsNoTracking().Where(v => v.RuleId == rule.Id).OrderByDescending(v => v.Version).ToListAsync(ct);
    }

    /// <summary>The run log: newest first, of one rule and/or one case (by public ids).</summary>
    public async Task<IReadOnlyList<AutomationRun>> RunsAsync(string? ruleId = null, string? caseId = null, int take = 100, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        var q = db.AutomationRuns.AsNoTracking();
        if (ruleId is not null)
        {
            var rule = await db.AutomationRules.Where(r => r.PublicId == ruleId).Select(r => (int?)r.Id).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException("Automation", ruleId);
            q = q.Where(r => r.RuleId == rule);
        }
        if (caseId is not null)
        {
            var c = await db.Cases.Where(x => x.PublicId == caseId).Select(x => (long?)x.Id).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Case", caseId);
            q = q.Where(r => r.CaseId == c);
        }
        return await q.OrderByDescending(r => r.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(ct);
    }

    public async Task<AutomationRun> RunAsync(string runId, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        return await db.AutomationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.PublicId == runId, ct) ?? throw new NotFoundException("Run", runId);
    }

    public async Task<string?> RulePublicIdAsync(int ruleId, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        return await db.AutomationRules.Where(r => r.Id == ruleId).Select(r => r.PublicId).SingleOrDefaultAsync(ct);
    }

    public static IReadOnlyList<string> ActionsOf(AutomationRun run) => JsonSerializer.Deserialize<List<string>>(run.ActionsJson) ?? [];

    /// <summary>Deletes run-log rows older than the retention period; returns how many.</summary>
    public Task<int> PruneRunsAsync(int retentionDays, CancellationToken ct = default)
    {
        var before = clock.GetUtcNow().UtcDateTime.AddDays(-retentionDays);
        return store.WriteAsync(db => db.AutomationRuns.Where(r => r.At < before).ExecuteDeleteAsync(ct), ct);
    }

    /// <summary>Applies <paramref name="change"/> to a tracked rule as a new version, with its version row and audit event.</summary>
    internal static void Record(CasesDbContext db, AutomationRule rule, Actor actor, DateTime now, string what, Action change)
    {
        change();
        rule.Version++;
        rule.UpdatedAt = now;
        rule.UpdatedBy = actor.Name;
        db.AutomationRuleVersions.Add(new AutomationRuleVersion
        {
            RuleId = rule.Id, Version = rule.Version, Name = rule.Name, Enabled = rule.Enabled, Order = rule.Order, DefinitionJson = rule.DefinitionJson,
            EditedAt = now, EditedById = actor.Id, EditedBy = actor.Name, Change = what,
        });
        db.AuditEvents.Add(AuditEvent.By(actor, now, $"automation.{what.Split(' ')[0]}", subject: $"automation:{rule.PublicId}", field: "version",
            newValue: rule.Version.ToString(), detail: rule.Name));
    }

    private async Task<AutomationRule> GetEntityAsync(string id, CancellationToken ct)
    {
        await using var db = await store.ReadAsync(ct);
        return await db.AutomationRules.AsNoTracking().SingleOrDefaultAsync(r => r.PublicId == id, ct) ?? throw new NotFoundException("Automation", id);
    }

    private static void RequireAdmin(Actor actor)
    {
        if (!actor.IsAdmin) throw new ForbiddenException("Only admins can change automations.");
    }

    private static RuleSummary Summary(AutomationRule r) =>
        new(r.PublicId, r.Name, r.Enabled, r.Order, r.TriggerType, r.Version, r.UpdatedAt, r.UpdatedBy, r.DisabledReason, RuleDefinition.FromJson(r.DefinitionJson));
}
