using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Automations;

/// <summary>
/// The automation engine is an event-log consumer (ADR 007, 014): for each batch of audit events it finds the enabled rules
/// whose trigger fires, tests their conditions (one query per rule over the batch's cases, before the transaction), and then,
/// in the transaction that advances its cursor, runs each matching rule — every run its own savepoint, so a refused action
/// undoes only that run — and records every evaluation in the run log. Changes a run makes are audited with the run as the
/// actor (<c>workflow-run</c>, the rule's name); when the engine meets them it knows the run, so it bounds the chain's depth
/// and never lets a rule re-trigger itself on the case it just changed.
/// </summary>
public sealed class AutomationEngine(EventLog log, CasesStore store, EventLogSignal signal, ILogger<AutomationEngine> logger, Leases leases,
    RuleCatalog catalog, RuleRunner runner, ObjectService objects, TemplateService templates, ConditionScopes scopes,
    IOptionsMonitor<AutomationOptions> options)
    : EventLogConsumer(ConsumerName, log, store, signal, logger, leases)
{
    public const string ConsumerName = "automations";

    protected override int BatchSize => options.CurrentValue.BatchSize;

    private sealed record Candidate(CompiledRule Rule, TriggerEvent Trigger, RunSubject Subject, int Depth)
    {
        public bool Matched { get; set; } = true;
        public string? Failed { get; set; }
    }

    protected override async Task HandleAsync(IReadOnlyList<AuditEvent> batch, CancellationToken ct) => await (await PrepareAsync(batch, ct))(ct);

    protected override async Task<Func<CancellationToken, Task>> PrepareAsync(IReadOnlyList<AuditEvent> batch, CancellationToken ct)
    {
        var triggers = batch.Select(TriggerMatcher.Of).OfType<TriggerEvent>().ToList();
        if (triggers.Count == 0) return _ => Task.CompletedTask;
        var types = triggers.Select(t => t.Type).Distinct().ToList();
        var (rules, broken) = await catalog.EnabledAsync(types, ct);
        if (rules.Count == 0 && broken.Count == 0) return _ => Task.CompletedTask;
        var candidates = await CandidatesAsync(triggers, rules, ct);
        await EvaluateAsync(candidates, ct);
        var maxDepth = options.CurrentValue.MaxDepth;
        var logMisses = options.CurrentValue.LogNotMatched;
        return async c =>
        {
            foreach (var (rule, reason) in broken) await catalog.DisableAsync(rule, reason, c);
            foreach (var x in candidates)
            {
                var origin = new RunOrigin(x.Trigger.Event.Id, x.Depth);
                if (!x.Matched)
                {
                    if (logMisses) await runner.SkipAsync(x.Rule, x.Subject, origin, RunOutcome.NotMatched, x.Failed!, c);
                }
                else if (x.Depth > maxDepth)
                    await runner.SkipAsync(x.Rule, x.Subject, origin, RunOutcome.LimitReached,
                        $"Loop bound reached: this change is {x.Depth} rule runs deep (at most {maxDepth}); the rule did not run.", c);
                else await runner.RunAsync(x.Rule, x.Subject, origin, c);
            }
        };
    }

    private async Task<List<Candidate>> CandidatesAsync(List<TriggerEvent> triggers, IReadOnlyList<CompiledRule> rules, CancellationToken ct)
    {
        var caseIds = triggers.Where(t => t.Event.CaseId is not null).Select(t => t.Event.CaseId!.Value).Distinct().ToList();
        var runIds = triggers.Where(t => t.Event.ActorType == ActorType.Automation).Select(t => t.Event.ActorId).Distinct().ToList();
        await using var db = await Store.ReadAsync(ct);
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.PublicId, c.TemplateId }).ToDictionaryAsync(c => c.Id, ct);
        var parents = await db.AutomationRuns.AsNoTracking().Where(r => runIds.Contains(r.PublicId))
            .Select(r => new { r.PublicId, r.RuleId, r.CaseId, r.Depth }).ToDictionaryAsync(r => r.PublicId, ct);
        var found = (await objects.FindManyAsync(triggers.Select(t => t.ObjectId).OfType<string>().Distinct(), ct)).ToDictionary(o => o.Id);
        var byId = (await templates.ListAsync(ct)).ToDictionary(t => t.Id);

        var result = new List<Candidate>();
        var once = new HashSet<(int, string, long)>();
        foreach (var t in triggers)
        {
            var e = t.Event;
            var parent = e.ActorType == ActorType.Automation ? parents.GetValueOrDefault(e.ActorId) : null;
            var depth = parent is null ? 0 : parent.Depth + 1;
            RunSubject subject;
            TemplateSummary? template = null;
            if (e.CaseId is { } caseRow)
            {
                if (!cases.TryGetValue(caseRow, out var c)) continue;
                template = byId.GetValueOrDefault(c.TemplateId);
                subject = new RunSubject(c.PublicId, null, t.Description, c.Id);
            }
            else if (t.ObjectId is { } objectId && found.TryGetValue(objectId, out var o)) subject = new RunSubject(null, o, t.Description);
            else continue;
            foreach (var rule in rules)
            {
                if (!TriggerMatcher.Fires(rule.Definition.Trigger, t, template, subject.Object?.Kind)) continue;
                // A rule never re-triggers itself on the case its own run just changed.
                if (parent is not null && parent.RuleId == rule.Rule.Id && e.CaseId is not null && parent.CaseId == e.CaseId) continue;
                // One run per rule and change (a change of several rows — tags added together — fires a rule once).
                if (!once.Add((rule.Rule.Id, subject.CaseId ?? subject.Object!.Id, e.CaseVersion ?? -e.Id))) continue;
                result.Add(new Candidate(rule, t, subject, depth));
            }
        }
        return result;
    }

    /// <summary>Tests each candidate's condition: per rule, one query over its cases; object conditions on the object in hand.</summary>
    private async Task EvaluateAsync(List<Candidate> candidates, CancellationToken ct)
    {
        if (candidates.Count == 0) return;
        var scope = await scopes.LoadAsync(ct);
        await using var db = await Store.ReadAsync(ct);
        foreach (var group in candidates.GroupBy(c => c.Rule.Rule.Id))
        {
            var rule = group.First().Rule;
            if (rule.Condition is null) continue;
            var onCases = group.Where(c => c.Subject.CaseRowId is not null).ToList();
            var matching = await RuleConditions.MatchingAsync(db, rule.Condition, onCases.Select(c => c.Subject.CaseRowId!.Value).Distinct().ToList(), scope, ct);
            foreach (var c in onCases.Where(c => !matching.Contains(c.Subject.CaseRowId!.Value)))
                (c.Matched, c.Failed) = (false, await RuleConditions.ExplainAsync(db, rule.Condition, c.Subject.CaseRowId!.Value, scope, ct));
            foreach (var c in group.Where(c => c.Subject.Object is not null && !ObjectConditions.Matches(rule.Condition, c.Subject.Object)))
                (c.Matched, c.Failed) = (false, ObjectConditions.Explain(rule.Condition, c.Subject.Object!));
        }
    }
}
