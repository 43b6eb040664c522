using System.Collections.Concurrent;
using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Automations;

/// <summary>
/// The enabled rules as the engine needs them: compiled (checked against what exists now), in order. Compiled rules are kept for
/// a few seconds per rule version. A rule whose reference disappeared (a deleted field, an archived template, a removed user) is
/// returned as broken, with the reason, and the engine disables it.
/// </summary>
public sealed class RuleCatalog(CasesStore store, RuleValidator validator, TimeProvider clock)
{
    private static readonly TimeSpan Keep = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<(int, int), (CompiledRule Rule, DateTimeOffset At)> compiled = new();

    public async Task<(IReadOnlyList<CompiledRule> Rules, IReadOnlyList<(AutomationRule Rule, string Reason)> Broken)> EnabledAsync(
        IReadOnlyCollection<string> triggerTypes, CancellationToken ct)
    {
        List<AutomationRule> rules;
        await using (var db = await store.ReadAsync(ct))
            rules = await db.AutomationRules.AsNoTracking().Where(r => r.Enabled && triggerTypes.Contains(r.TriggerType))
                .OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct);
        var ok = new List<CompiledRule>();
        var broken = new List<(AutomationRule, string)>();
        foreach (var rule in rules)
        {
            try { ok.Add(await CompileAsync(rule, ct)); }
            catch (ValidationException e) { broken.Add((rule, e.Message)); }
        }
        return (ok, broken);
    }

    public async Task<CompiledRule> CompileAsync(AutomationRule rule, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (compiled.TryGetValue((rule.Id, rule.Version), out var hit) && now - hit.At < Keep) return hit.Rule with { Rule = rule };
        var c = await validator.CompileAsync(rule, RuleDefinition.FromJson(rule.DefinitionJson), ct);
        compiled[(rule.Id, rule.Version)] = (c, now);
        return c;
    }

    /// <summary>Switches a rule off with the reason, as the product (audited, a new version).</summary>
    public Task DisableAsync(AutomationRule rule, string reason, CancellationToken ct) =>
        store.WriteAsync(async db =>
        {
            var r = await db.AutomationRules.SingleOrDefaultAsync(x => x.Id == rule.Id && x.Enabled, ct);
            if (r is null) return 0;
            var actor = Actor.System("automations");
            AutomationService.Record(db, r, actor, clock.GetUtcNow().UtcDateTime, "disabled by the product", () =>
            {
                r.Enabled = false;
                r.DisabledReason = reason.Length > 1000 ? reason[..1000] : reason;
            });
            return 0;
        }, ct);
}
