using CasesDashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Automations;

/// <summary>The engine's evaluation step, for the bench: every enabled rule's condition over a set of cases, one query per rule.</summary>
public sealed class AutomationBenchProbe(CasesStore store, RuleCatalog catalog, ConditionScopes scopes)
{
    /// <summary>Tests each rule of <paramref name="triggerTypes"/> on each case; returns how many (rule, case) pairs matched.</summary>
    public async Task<int> EvaluateAsync(IReadOnlyCollection<string> triggerTypes, IReadOnlyCollection<long> caseIds, CancellationToken ct = default)
    {
        var (rules, _) = await catalog.EnabledAsync(triggerTypes, ct);
        var scope = await scopes.LoadAsync(ct);
        await using var db = await store.ReadAsync(ct);
        var matched = 0;
        foreach (var rule in rules) matched += (await RuleConditions.MatchingAsync(db, rule.Condition, caseIds, scope, ct)).Count;
        return matched;
    }

    /// <summary>The floor under it: the same cases read by id once per rule, without conditions.</summary>
    public async Task<int> ReadOnlyAsync(int rules, IReadOnlyCollection<long> caseIds, CancellationToken ct = default)
    {
        var ids = caseIds.ToList();
        await using var db = await store.ReadAsync(ct);
        var read = 0;
        for (var i = 0; i < rules; i++) read += (await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).Count;
        return read;
    }
}
