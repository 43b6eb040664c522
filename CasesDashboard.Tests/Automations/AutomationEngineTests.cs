using CasesDashboard.Data;
using CasesDashboard.Features.Automations;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Automations;

/// <summary>The engine: loop bound, no self-retrigger, failure isolation, transient retry, restart recovery, order, schedules, dry run.</summary>
public abstract class AutomationEngineTests(StoreProvider provider) : IAsyncLifetime
{
    private TestAutomations a = default!;
    private TestStore S => a.Store;
    private readonly TestTransientFault fault = new();

    public async Task InitializeAsync() => a = await TestAutomations.OnAsync(provider, interceptors: fault);
    public async Task DisposeAsync() => await a.DisposeAsync();

    [SkippableFact]
    public async Task Loop_TwoRulesFeedingEachOther_StopAtTheBoundAndSaySo()
    {
        await a.RuleAsync("Ping", """{"trigger": {"type": "tag_added", "tag": "ping"}, "actions": [{"type": "remove_tag", "tag": "pong"}, {"type": "add_tag", "tag": "pong"}]}""");
        await a.RuleAsync("Pong", """{"trigger": {"type": "tag_added", "tag": "pong"}, "actions": [{"type": "remove_tag", "tag": "ping"}, {"type": "add_tag", "tag": "ping"}]}""");
        var id = await S.NewCaseAsync(S.Analyst);
        await S.Cases.AddTagAsync(id, "ping", S.Analyst);

        await a.RunAsync();

        var runs = await a.RunsAsync();
        var limit = Assert.Single(runs, r => r.Outcome == RunOutcome.LimitReached);
        Assert.Equal(6, limit.Depth);
        Assert.Contains("Loop bound reached", limit.Error);
        Assert.Equal(6, runs.Count(r => r.Outcome == RunOutcome.Succeeded));   // depths 0..5
    }

    [SkippableFact]
    public async Task SelfRetrigger_RuleChangingWhatTriggersIt_RunsOnce()
    {
        await a.RuleAsync("Touch", """{"trigger": {"type": "field_changed"}, "actions": [{"type": "set_field", "field": "note", "value": "touched"}]}""");
        var id = await S.NewCaseAsync(S.Analyst);
        await S.Cases.UpdateFieldsAsync(id, JsonValues.Fields(("count", 1)), null, S.Analyst);

        await a.RunAsync();

        Assert.Single(await a.RunsAsync());
    }

    [SkippableFact]
    public async Task Failure_OneRuleFails_OtherRulesAndCasesGoOn()
    {
        await a.RuleAsync("Bad", """{"trigger": {"type": "case_created"}, "actions": [{"type": "set_status", "status": "approved"}]}""");
        await a.RuleAsync("Good", """{"trigger": {"type": "case_created"}, "actions": [{"type": "add_tag", "tag": "ok"}]}""");
        var first = await S.NewCaseAsync();
        var second = await S.NewCaseAsync();

        await a.RunAsync();

        var runs = await a.RunsAsync();
        Assert.Equal(2, runs.Count(r => r.Outcome == RunOutcome.Failed && r.RuleName == "Bad"));
        Assert.Equal(2, runs.Count(r => r.Outcome == RunOutcome.Succeeded && r.RuleName == "Good"));
        Assert.Contains("ok", (await S.Query.GetAsync(first, S.Admin)).Tags);
        Assert.Contains("ok", (await S.Query.GetAsync(second, S.Admin)).Tags);
    }

    [SkippableFact]
    public async Task TransientStoreError_IsRetried_AndTheRunHappensOnce()
    {
        await a.RuleAsync("Tag", """{"trigger": {"type": "case_created"}, "actions": [{"type": "add_tag", "tag": "t"}]}""");
        var id = await S.NewCaseAsync();
        fault.Remaining = 1;

        await a.RunAsync();

        Assert.Equal(0, fault.Remaining);
        Assert.Single(await a.RunsAsync());
        Assert.Equal(["t"], (await S.Query.GetAsync(id, S.Admin)).Tags);
    }

    [SkippableFact]
    public async Task Restart_EventsCommittedBeforeTheStart_AreHandledOnceAfterIt()
    {
        await a.RuleAsync("Tag", """{"trigger": {"type": "case_created"}, "actions": [{"type": "add_tag", "tag": "t"}]}""");
        await S.NewCaseAsync();
        await S.NewCaseAsync();

        await a.NewEngine().CatchUpAsync();   // a restarted process: resumes at the stored cursor and runs the rule on both
        await a.NewEngine().CatchUpAsync();   // another start: only the runs' own changes are left, and they trigger nothing
        await a.NewEngine().CatchUpAsync();

        Assert.Equal(2, (await a.RunsAsync()).Count(r => r.Outcome == RunOutcome.Succeeded));
    }

    [SkippableFact]
    public async Task Order_RulesRunInTheirOrder()
    {
        await a.RuleAsync("Second", """{"trigger": {"type": "case_created"}, "actions": [{"type": "set_field", "field": "note", "value": "second"}]}""");
        var first = await a.RuleAsync("First", """{"trigger": {"type": "case_created"}, "actions": [{"type": "set_field", "field": "note", "value": "first"}]}""");
        await a.Service.MoveAsync(first, -1, S.Admin);
        var id = await S.NewCaseAsync();

        await a.RunAsync();

        Assert.Equal(["First", "Second"], (await a.RunsAsync()).Where(r => r.Depth == 0).Select(r => r.RuleName));
        Assert.Equal("second", (await S.Query.GetAsync(id, S.Admin)).Fields["note"].GetString());
    }

    [SkippableFact]
    public async Task Disabled_RuleDoesNotRun()
    {
        var rule = await a.RuleAsync("Tag", """{"trigger": {"type": "case_created"}, "actions": [{"type": "add_tag", "tag": "t"}]}""");
        await a.Service.SetEnabledAsync(rule, false, S.Admin);
        await S.NewCaseAsync();

        await a.RunAsync();

        Assert.Empty(await a.RunsAsync());
    }

    [SkippableFact]
    public async Task Schedule_FiresAtItsTimeInItsZone_OverTheSelectedCases()
    {
        // 09:00 in Berlin is 08:00 UTC in November; the store's clock starts at 09:00 UTC on 24 Nov.
        await a.RuleAsync("Morning", """
            {"trigger": {"type": "schedule", "cron": "0 9 * * *", "time_zone": "Europe/Berlin"},
             "condition": {"attribute": "state", "operator": "eq", "value": "open"},
             "actions": [{"type": "add_tag", "tag": "morning"}]}
            """);
        var open = await S.NewCaseAsync();
        Assert.Equal(0, await a.Scheduler.RunDueAsync());

        S.Clock.Advance(TimeSpan.FromHours(22));   // 07:00 UTC next day: not yet
        Assert.Equal(0, await a.Scheduler.RunDueAsync());
        S.Clock.Advance(TimeSpan.FromHours(1));    // 08:00 UTC = 09:00 Berlin
        Assert.Equal(1, await a.Scheduler.RunDueAsync());
        Assert.Equal(0, await a.Scheduler.RunDueAsync());   // once per firing

        Assert.Equal(["morning"], (await S.Query.GetAsync(open, S.Admin)).Tags);
        Assert.StartsWith("schedule 0 9 * * *", Assert.Single(await a.RunsAsync()).Trigger);
    }

    [SkippableFact]
    public async Task DryRun_ShowsMatchesAndChanges_AndChangesNothing()
    {
        var id = await S.NewCaseAsync();
        await S.NewCaseAsync(request: new Features.Cases.NewCase("TST") { Tags = ["skip"] });
        await using (var before = await S.DbAsync())
        {
            var events = await before.AuditEvents.CountAsync();
            var result = await a.DryRun.RunAsync(new RuleInput("Try", RuleDefinition.FromJson("""
                {"trigger": {"type": "case_created"}, "condition": {"not": {"attribute": "tags", "operator": "contains", "value": "skip"}},
                 "actions": [{"type": "set_status", "status": "working"}, {"type": "set_priority", "priority": "high"}]}
                """)));

            var item = Assert.Single(result.Items);
            Assert.Equal(1, result.Matched);
            Assert.Equal(id, item.Id);
            Assert.Equal(["status open → working", "priority normal → high"], item.Changes);
            await using var after = await S.DbAsync();
            Assert.Equal(events, await after.AuditEvents.CountAsync());
            Assert.Empty(await after.AutomationRuns.ToListAsync());
        }
    }

    [SkippableFact]
    public async Task BrokenReference_RuleIsDisabledWithTheReason()
    {
        await a.RuleAsync("Assign", """{"trigger": {"type": "case_created"}, "actions": [{"type": "assign", "user": "other@test.local"}]}""");
        await using (var db = await S.DbAsync())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "other@test.local");
            db.Users.Remove(user);
            await db.SaveChangesAsync();
        }
        S.Clock.Advance(TimeSpan.FromMinutes(2));   // past the user directory's cache
        await S.NewCaseAsync();

        await a.RunAsync();

        var rule = Assert.Single(await a.Service.ListAsync());
        Assert.False(rule.Enabled);
        Assert.Contains("actions[0].user", rule.DisabledReason);
        Assert.Empty(await a.RunsAsync());
    }

    [SkippableFact]
    public async Task RunLog_PerCase_AndRetention()
    {
        await a.RuleAsync("Tag", """{"trigger": {"type": "case_created"}, "actions": [{"type": "add_tag", "tag": "t"}]}""");
        var id = await S.NewCaseAsync();
        await S.NewCaseAsync();
        await a.RunAsync();

        var run = Assert.Single(await a.Service.RunsAsync(caseId: id));
        Assert.Equal(["tag + t"], AutomationService.ActionsOf(run));
        S.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(2, await a.Service.PruneRunsAsync(30));
        Assert.Empty(await a.RunsAsync());
    }

    /// <summary>Fails the next save that adds a run row, the way a busy store or a serialization failure would.</summary>
    private sealed class TestTransientFault : SaveChangesInterceptor
    {
        public int Remaining { get; set; }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
        {
            if (Remaining > 0 && eventData.Context!.ChangeTracker.Entries<AutomationRun>().Any(e => e.State == EntityState.Added))
            {
                Remaining--;
                throw new DbUpdateConcurrencyException("A transient failure (test).");
            }
            return ValueTask.FromResult(result);
        }
    }
}

public sealed class AutomationEngineTestsOnSqlite() : AutomationEngineTests(StoreProvider.Sqlite);

public sealed class AutomationEngineTestsOnPostgres() : AutomationEngineTests(StoreProvider.Postgres);
