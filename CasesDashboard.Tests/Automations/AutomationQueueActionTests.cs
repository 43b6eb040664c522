using CasesDashboard.Data;
using CasesDashboard.Features.Automations;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Queues;
using CasesDashboard.Tests.TestInfrastructure;

namespace CasesDashboard.Tests.Automations;

/// <summary>The queue actions: into a queue (pinned, as a lead would), and assigned now by a queue's policy.</summary>
public abstract class AutomationQueueActionTests(StoreProvider provider) : IAsyncLifetime
{
    private TestAutomations a = default!;
    private TestStore S => a.Store;

    public async Task InitializeAsync() => a = await TestAutomations.OnAsync(provider);
    public async Task DisposeAsync() => await a.DisposeAsync();

    [SkippableFact]
    public async Task AssignQueue_MovesTheCaseIntoIt()
    {
        var queue = await S.CreateAsync("High risk");
        await a.RuleAsync("Route", """{"trigger": {"type": "tag_added", "tag": "watchlist"}, "actions": [{"type": "assign_queue", "queue": "high-risk"}, {"type": "set_priority", "priority": "high"}]}""");
        var id = await S.NewCaseAsync();
        await S.Cases.AddTagAsync(id, "watchlist", S.Lead);

        await a.RunAsync();

        Assert.Equal(queue.PublicId, await S.QueueOfAsync(id));
        Assert.Equal(Features.Templates.CasePriority.High, (await S.Query.GetAsync(id, S.Admin)).Priority);
    }

    [SkippableFact]
    public async Task AssignByPolicy_AssignsTheMemberThePolicyPicks()
    {
        await S.CreateAsync("Team", members: [S.OtherAnalyst], policy: AssignmentPolicy.RoundRobin, skipAway: false);
        await a.RuleAsync("Hand out", """{"trigger": {"type": "case_created"}, "actions": [{"type": "assign_by_policy", "queue": "team"}]}""");
        var id = await S.NewCaseAsync();

        await a.RunAsync();

        var run = Assert.Single(await a.RunsAsync());
        Assert.True(run.Outcome == RunOutcome.Succeeded, run.Error);
        Assert.Equal(S.OtherAnalyst.Id, (await S.Query.GetAsync(id, S.Admin)).AssigneeId);
        Assert.Contains("policy", AutomationService.ActionsOf(run).Single());
    }

    [SkippableFact]
    public async Task Save_UnknownOrManualQueue_IsRefusedAtTheAction()
    {
        await S.CreateAsync("Manual");
        var e = await Assert.ThrowsAsync<ValidationException>(() => a.RuleAsync("Bad", """
            {"trigger": {"type": "case_created"}, "actions": [{"type": "assign_queue", "queue": "nope"}, {"type": "assign_by_policy", "queue": "manual"}]}
            """));

        Assert.Equal(["actions[0].queue", "actions[1].queue"], e.Problems.Select(p => p.Path));
    }
}

public sealed class AutomationQueueActionTestsOnSqlite() : AutomationQueueActionTests(StoreProvider.Sqlite);

public sealed class AutomationQueueActionTestsOnPostgres() : AutomationQueueActionTests(StoreProvider.Postgres);
