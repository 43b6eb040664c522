using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Automations;

/// <summary>A case action backed by a rule: its button text, and whether the reader may press it (and why not).</summary>
public sealed record ManualAction(string RuleId, string Name, Ability Press);

/// <summary>
/// Persona's case actions: rules with the <c>manual</c> trigger (for one template, or all) are buttons on the case page. Whoever may
/// work the case may press one; the rule's actions then run on the case as the rule's run (its roles, audited as workflow-run, in the
/// run log with who pressed it), in one transaction, exactly as when an event triggers a rule.
/// </summary>
public sealed class ManualActions(CasesStore store, RuleCatalog catalog, RuleRunner runner, UserDirectory users, TemplateService templates, ConditionScopes scopes)
{
    public async Task<IReadOnlyList<ManualAction>> ForCaseAsync(string caseId, Actor actor, CancellationToken ct = default)
    {
        var (_, access, rules) = await LoadAsync(caseId, ct);
        var press = CasePermissions.Work(actor, access);
        return rules.Select(r => new ManualAction(r.Rule.PublicId, r.Rule.Name, press)).ToList();
    }

    public async Task<AutomationRun> RunAsync(string ruleId, string caseId, Actor actor, CancellationToken ct = default)
    {
        var (rowId, access, rules) = await LoadAsync(caseId, ct);
        var rule = rules.FirstOrDefault(r => r.Rule.PublicId == ruleId) ?? throw new NotFoundException("Case action", ruleId);
        CasePermissions.Work(actor, access).Require();
        var subject = new RunSubject(caseId, null, $"manual: pressed by {actor.Name}", rowId);
        if (rule.Condition is not null)
        {
            var scope = await scopes.LoadAsync(ct);
            await using var db = await store.ReadAsync(ct);
            if ((await RuleConditions.MatchingAsync(db, rule.Condition, [rowId], scope, ct)).Count == 0)
                return await runner.SkipAsync(rule, subject, new RunOrigin(null, 0), RunOutcome.NotMatched,
                    await RuleConditions.ExplainAsync(db, rule.Condition, rowId, scope, ct), ct);
        }
        return await runner.RunAsync(rule, subject, new RunOrigin(null, 0), ct);
    }

    private async Task<(long RowId, CaseAccess Access, List<CompiledRule> Rules)> LoadAsync(string caseId, CancellationToken ct)
    {
        await using var db = await store.ReadAsync(ct);
        var c = await db.Cases.AsNoTracking().Where(x => x.PublicId == caseId)
            .Select(x => new { x.Id, x.Name, x.TemplateId, x.AssigneeId, x.Status, x.StatusType }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Case", caseId);
        var key = (await templates.ListAsync(ct)).FirstOrDefault(t => t.Id == c.TemplateId)?.Key;
        var (compiled, _) = await catalog.EnabledAsync([TriggerTypes.Manual], ct);
        var access = new CaseAccess(c.Name, c.AssigneeId, await users.NameOfAsync(c.AssigneeId, ct), c.Status, c.StatusType);
        return (c.Id, access, compiled.Where(r => r.Definition.Trigger.Template is null || r.Definition.Trigger.Template == key).ToList());
    }
}
