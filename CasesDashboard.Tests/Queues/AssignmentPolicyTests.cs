using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Queues;
using CasesDashboard.Features.Security;
using CasesDashboard.Tests.TestInfrastructure;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;
using static CasesDashboard.Tests.TestInfrastructure.TestQueues;

namespace CasesDashboard.Tests.Queues;

/// <summary>The automatic policies, run by their event-log consumer (as the app does, but caught up by hand) on a fake clock.</summary>
public abstract class AssignmentPolicyTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    private AssignmentConsumer Consumer => s.Get<AssignmentConsumer>();
    private AvailabilityService Availability => s.Get<AvailabilityService>();

    public async Task InitializeAsync()
    {
        s = await TestStore.OnAsync(provider);
        await Consumer.CatchUpAsync();   // the consumer's cursor starts here
        await Availability.SeenAsync([s.Analyst, s.OtherAnalyst]);
    }

    public async Task DisposeAsync() => await s.DisposeAsync();

    private Task<QueueInfo> QueueAsync(AssignmentPolicy policy, int? cap = null) =>
        s.CreateAsync("Review", Where("template", "eq", TestTemplates.Key), [s.Analyst, s.OtherAnalyst], policy, cap);

    private async Task<List<string>> CasesAsync(int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++) ids.Add(await s.NewCaseAsync());
        await Consumer.CatchUpAsync();
        return ids;
    }

    private async Task<string?> AssigneeOfAsync(string caseId) => (await s.Query.GetAsync(caseId, s.Admin)).AssigneeName;

    private async Task<List<string?>> AssigneesAsync(IEnumerable<string> ids)
    {
        var names = new List<string?>();
        foreach (var id in ids) names.Add(await AssigneeOfAsync(id));
        return names;
    }

    private async Task ResolveAsync(string caseId, Actor by)
    {
        await s.Cases.UpdateFieldsAsync(caseId, Fields(("verdict", "clean"), ("confirmed", true)), null, by);
        await s.Cases.SetStatusAsync(caseId, "approved", null, null, by);
    }

    [SkippableFact]
    public async Task RoundRobin_CasesEnterTheQueue_MembersTakeTurns()
    {
        await QueueAsync(AssignmentPolicy.RoundRobin);

        var ids = await CasesAsync(4);

        Assert.Equal(["Sam Analyst", "Ana Other", "Sam Analyst", "Ana Other"], await AssigneesAsync(ids));
    }

    [SkippableFact]
    public async Task RoundRobin_Assignment_RecordsThePolicyAsTheAssigner()
    {
        var queue = await QueueAsync(AssignmentPolicy.RoundRobin);

        var view = await s.Query.GetAsync((await CasesAsync(1))[0], s.Admin);

        var assigned = Assert.Single(view.Timeline, e => e.Type == CaseEventTypes.Assigned);
        Assert.Equal((ActorType.Policy, queue.PublicId, "Round robin (Review queue)"), (assigned.ActorType, assigned.ActorId, assigned.ActorName));
        Assert.Equal("Round robin (Review queue)", view.AssignerName);
    }

    [SkippableFact]
    public async Task LeastLoaded_NewCase_GoesToTheMemberWithFewestOpenCases()
    {
        await s.NewCaseAsync(s.Analyst);
        await s.NewCaseAsync(s.Analyst);
        await QueueAsync(AssignmentPolicy.LeastLoaded);

        var ids = await CasesAsync(3);

        Assert.Equal(["Ana Other", "Ana Other", "Sam Analyst"], await AssigneesAsync(ids));
    }

    [SkippableFact]
    public async Task LeastLoaded_MembersAtTheCap_LeaveTheRestWaiting()
    {
        await QueueAsync(AssignmentPolicy.LeastLoaded, cap: 1);

        var ids = await CasesAsync(3);

        Assert.Equal(["Sam Analyst", "Ana Other", null], await AssigneesAsync(ids));
    }

    [SkippableFact]
    public async Task RoundRobin_MemberSwitchedAway_IsPassedOver()
    {
        await Availability.SetAwayAsync(s.Analyst, away: true);
        await QueueAsync(AssignmentPolicy.RoundRobin);

        var ids = await CasesAsync(2);

        Assert.Equal(["Ana Other", "Ana Other"], await AssigneesAsync(ids));
    }

    [SkippableFact]
    public async Task RoundRobin_MemberWithNoSessionForLongerThanTheLimit_IsPassedOver()
    {
        s.Clock.Advance(TimeSpan.FromMinutes(16));
        await Availability.SeenAsync([s.OtherAnalyst]);
        await QueueAsync(AssignmentPolicy.RoundRobin);

        var ids = await CasesAsync(2);

        Assert.Equal(["Ana Other", "Ana Other"], await AssigneesAsync(ids));
    }

    [SkippableFact]
    public async Task LeastLoaded_MemberResolvesACase_TakesTheWaitingOne()
    {
        await QueueAsync(AssignmentPolicy.LeastLoaded, cap: 1);
        var ids = await CasesAsync(3);

        await ResolveAsync(ids[0], s.Analyst);
        await Consumer.CatchUpAsync();

        Assert.Equal("Sam Analyst", await AssigneeOfAsync(ids[2]));
    }

    [SkippableFact]
    public async Task RoundRobin_MemberBackFromAway_TakesTheWaitingCases()
    {
        await Availability.SetAwayAsync(s.Analyst, away: true);
        await Availability.SetAwayAsync(s.OtherAnalyst, away: true);
        await QueueAsync(AssignmentPolicy.RoundRobin);
        var ids = await CasesAsync(1);

        await Availability.SetAwayAsync(s.OtherAnalyst, away: false);
        await Consumer.CatchUpAsync();

        Assert.Equal("Ana Other", await AssigneeOfAsync(ids[0]));
    }

    [SkippableFact]
    public async Task RoundRobin_SessionOpensAfterTheLimit_BackAndTakesTheWaitingCases()
    {
        s.Clock.Advance(TimeSpan.FromMinutes(16));
        await QueueAsync(AssignmentPolicy.RoundRobin);
        var ids = await CasesAsync(1);

        await Availability.SeenAsync([s.Analyst]);
        await Consumer.CatchUpAsync();

        Assert.Equal("Sam Analyst", await AssigneeOfAsync(ids[0]));
    }

    [SkippableFact]
    public async Task Manual_CasesEnterTheQueue_StayWaiting()
    {
        await QueueAsync(AssignmentPolicy.Manual);

        var ids = await CasesAsync(2);

        Assert.Equal([null, null], await AssigneesAsync(ids));
    }

    [SkippableFact]
    public async Task RoundRobin_QueueGetsItsFirstMember_HandsOutWhatWaits()
    {
        var queue = await s.CreateAsync("Review", Where("template", "eq", TestTemplates.Key), [], AssignmentPolicy.RoundRobin);
        var ids = await CasesAsync(2);
        var definition = QueueDefinition.Of(queue);
        definition.MemberIds = [s.OtherAnalyst.Id];

        await s.Get<QueueService>().SaveAsync(queue.PublicId, definition, queue.Revision, s.Admin);
        await Consumer.CatchUpAsync();

        Assert.Equal(["Ana Other", "Ana Other"], await AssigneesAsync(ids));
    }

    [Fact]
    public void Choose_RoundRobin_PicksTheLowestTurnThenMemberOrder()
    {
        var queue = Queue(AssignmentPolicy.RoundRobin);
        MemberState[] members = [new("a", 0, 0, 3, false), new("b", 1, 9, 1, false), new("c", 2, 0, 1, false)];

        Assert.Equal("b", AssignmentPolicies.Choose(queue, members)?.UserId);
    }

    [Fact]
    public void Choose_LeastLoadedEveryoneAtCapOrAway_PicksNobody()
    {
        var queue = Queue(AssignmentPolicy.LeastLoaded) with { MaxOpenPerAnalyst = 2 };
        MemberState[] members = [new("a", 0, 2, 0, false), new("b", 1, 0, 0, true)];

        Assert.Null(AssignmentPolicies.Choose(queue, members));
    }

    private static QueueInfo Queue(AssignmentPolicy policy) => new(1, "cq_1", "q", "Q", null, 1, null, null, QueueSortOrder.SlaFirst, policy,
        null, true, false, 1, DateTime.UtcNow, "x", ["a", "b", "c"]);
}

public sealed class AssignmentPolicyTestsOnSqlite() : AssignmentPolicyTests(StoreProvider.Sqlite);

public sealed class AssignmentPolicyTestsOnPostgres() : AssignmentPolicyTests(StoreProvider.Postgres);
