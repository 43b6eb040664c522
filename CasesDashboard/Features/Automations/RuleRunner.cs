using System.Diagnostics;
using System.Text.Json;
using CasesDashboard.Data;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Automations;

/// <summary>Where a run comes from: the triggering event (if any) and how many runs led to it.</summary>
public sealed record RunOrigin(long? EventId, int Depth);

/// <summary>
/// Runs one rule on one case or object in one transaction (inside the engine's batch, a savepoint of it) and records the run:
/// the actions and the run row commit together, or, when an action is refused, nothing of the actions is kept and the run is
/// recorded as failed with the reason. A transient store failure is not recorded: it propagates so the whole unit is retried.
/// </summary>
public sealed class RuleRunner(CasesStore store, ActionRunner actions, TimeProvider clock)
{
    public async Task<AutomationRun> RunAsync(CompiledRule rule, RunSubject subject, RunOrigin origin, CancellationToken ct)
    {
        var run = NewRun(rule, subject, origin);
        var actor = new Actor(ActorType.Automation, run.PublicId, rule.Rule.Name, rule.Definition.Roles.ToHashSet());
        var watch = Stopwatch.StartNew();
        try
        {
            // A unit of its own when not inside the engine's batch, so the services' writes join it instead of waiting for it.
            return await store.InTransactionAsync(() => store.WriteAsync(async db =>
            {
                var result = await actions.RunAsync(db, rule, actor, subject, ct);
                run.Outcome = result.Deduplicated ? RunOutcome.Deduplicated : RunOutcome.Succeeded;
                run.ActionsJson = JsonSerializer.Serialize(result.Lines);
                if (result.CaseId is { } caseId && run.CaseId is null)
                {
                    run.CasePublicId = caseId;
                    run.CaseId = await db.Cases.Where(c => c.PublicId == caseId).Select(c => (long?)c.Id).SingleOrDefaultAsync(ct);
                }
                run.DurationMs = (int)watch.ElapsedMilliseconds;
                db.AutomationRuns.Add(run);
                return run;
            }, ct), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException && !CasesStore.IsTransient(e))
        {
            var failed = NewRun(rule, subject, origin, run.PublicId);
            failed.Outcome = RunOutcome.Failed;
            failed.Error = Trim(e is DomainException or ActionFailedException ? e.Message : $"{e.GetType().Name}: {e.Message}", 2000);
            failed.DurationMs = (int)watch.ElapsedMilliseconds;
            return await RecordAsync(failed, ct);
        }
    }

    /// <summary>A run that did nothing: the condition was false, or the loop bound was reached.</summary>
    public Task<AutomationRun> SkipAsync(CompiledRule rule, RunSubject subject, RunOrigin origin, RunOutcome outcome, string reason, CancellationToken ct)
    {
        var run = NewRun(rule, subject, origin);
        run.Outcome = outcome;
        if (outcome == RunOutcome.NotMatched) run.FailedCondition = Trim(reason, 2000);
        else run.Error = Trim(reason, 2000);
        return RecordAsync(run, ct);
    }

    private Task<AutomationRun> RecordAsync(AutomationRun run, CancellationToken ct) =>
        store.WriteAsync(db =>
        {
            db.AutomationRuns.Add(run);
            return Task.FromResult(run);
        }, ct);

    private AutomationRun NewRun(CompiledRule rule, RunSubject subject, RunOrigin origin, string? id = null) => new()
    {
        PublicId = id ?? PublicIds.New("wfr_"), RuleId = rule.Rule.Id, RuleName = rule.Rule.Name, RuleVersion = rule.Rule.Version,
        CasePublicId = subject.CaseId, CaseId = subject.CaseRowId, ObjectId = subject.Object?.Id, Trigger = Trim(subject.Trigger, 500),
        EventId = origin.EventId, At = clock.GetUtcNow().UtcDateTime, Depth = origin.Depth,
    };

    private static string Trim(string s, int max) => s.Length > max ? s[..max] : s;
}
