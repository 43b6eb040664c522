using System.Collections.Concurrent;
using CasesDashboard.Data;
using CasesDashboard.Data.Seed;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Queues;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CasesDashboard.Tests.TestInfrastructure.TestQueues;

namespace CasesDashboard.Tests.Queues;

/// <summary>Next case: the first waiting case in queue order, to exactly one claimer, whatever the number of claimers.</summary>
public abstract class QueueClaimTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    private NextCase Next => s.Get<NextCase>();
    public async Task InitializeAsync() => s = await TestStore.OnAsync(provider);
    public async Task DisposeAsync() => await s.DisposeAsync();

    private Task<QueueInfo> QueueAsync(QueueSortOrder order = QueueSortOrder.SlaFirst, int? cap = null, params Actor[] members) =>
        s.CreateAsync("Review", Where("template", "eq", TestTemplates.Key), members.Length == 0 ? [s.Analyst, s.OtherAnalyst] : members, cap: cap, order: order);

    private async Task<IReadOnlyList<string>> WaitingCasesAsync(int count) =>
        await s.Get<CaseBulkImporter>().ImportAsync(Enumerable.Range(0, count)
            .Select(i => new BulkCase(TestTemplates.Key, "open", TestStore.Start.UtcDateTime.AddMinutes(-count + i))).ToList(), s.Lead);

    private async Task<List<Actor>> AnalystsAsync(int count)
    {
        await using (var scope = s.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UserImporter>().ImportAsync(Enumerable.Range(1, count)
                .Select(i => new UserImportDocument($"claimer{i}@test.local", $"Claimer {i}", [Roles.Analyst])), TestStore.Password);
        s.Users.Invalidate();
        return (await s.Users.AllAsync()).Where(u => u.Email.StartsWith("claimer")).Select(u => Actor.User(u.Id, u.DisplayName, Roles.Analyst)).ToList();
    }

    [SkippableFact]
    public async Task Claim_TwentyConcurrentClaimers_EachCaseGoesToExactlyOneAndNoneIsLeft()
    {
        var claimers = await AnalystsAsync(20);
        var queue = await QueueAsync(members: [.. claimers]);
        var cases = await WaitingCasesAsync(120);
        var claimed = new ConcurrentBag<(string Case, string By)>();
        var start = new TaskCompletionSource();

        await Task.WhenAll(claimers.Select(c => Task.Run(async () =>
        {
            await start.Task;
            while (await Next.ClaimAsync(c, queue.PublicId) is { Claimed: true } r) claimed.Add((r.CaseId!, c.Id));
        })).Append(Task.Run(start.SetResult)));

        Assert.Equal(cases.Order(), claimed.Select(x => x.Case).Order());
        await using var db = await s.DbAsync();
        var assignees = await db.Cases.Where(c => cases.Contains(c.PublicId)).ToDictionaryAsync(c => c.PublicId, c => c.AssigneeId);
        Assert.All(claimed, x => Assert.Equal(x.By, assignees[x.Case]));
        var assignedEvents = await db.AuditEvents.CountAsync(e => e.Type == CaseEventTypes.Assigned);
        Assert.Equal(cases.Count, assignedEvents);
    }

    [SkippableFact]
    public async Task Claim_SlaFirst_TakesTheEarliestDueThenTheHighestPriority()
    {
        var queue = await QueueAsync();
        var later = await s.Cases.CreateAsync(new NewCase(TestTemplates.Key) { SlaExpiresIn = TimeSpan.FromHours(5) }, s.Lead);
        var soonLow = await s.Cases.CreateAsync(new NewCase(TestTemplates.Key) { SlaExpiresIn = TimeSpan.FromHours(1), Priority = CasePriority.Low }, s.Lead);
        var soonHigh = await s.Cases.CreateAsync(new NewCase(TestTemplates.Key) { SlaExpiresIn = TimeSpan.FromHours(1), Priority = CasePriority.High }, s.Lead);

        var order = new[] { await Next.ClaimAsync(s.Analyst, queue.PublicId), await Next.ClaimAsync(s.Analyst, queue.PublicId), await Next.ClaimAsync(s.Analyst, queue.PublicId) };

        Assert.Equal([soonHigh, soonLow, later], order.Select(r => r.CaseId));
    }

    [SkippableFact]
    public async Task Claim_PriorityFirst_TakesTheHighestPriorityFirst()
    {
        var queue = await QueueAsync(QueueSortOrder.PriorityFirst);
        await s.Cases.CreateAsync(new NewCase(TestTemplates.Key) { SlaExpiresIn = TimeSpan.FromHours(1), Priority = CasePriority.Low }, s.Lead);
        var urgent = await s.Cases.CreateAsync(new NewCase(TestTemplates.Key) { SlaExpiresIn = TimeSpan.FromHours(9), Priority = CasePriority.Urgent }, s.Lead);

        Assert.Equal(urgent, (await Next.ClaimAsync(s.Analyst, queue.PublicId)).CaseId);
    }

    [SkippableFact]
    public async Task Claim_OldestFirst_TakesTheOldestCase()
    {
        var queue = await QueueAsync(QueueSortOrder.OldestFirst);
        var cases = await WaitingCasesAsync(3);

        Assert.Equal(cases[0], (await Next.ClaimAsync(s.Analyst, queue.PublicId)).CaseId);
    }

    [SkippableFact]
    public async Task Claim_AssignsAuditsVersionsAndPublishes()
    {
        var queue = await QueueAsync();
        var id = await s.NewCaseAsync();
        var published = new List<CaseChanged>();
        s.Events.Changed += c => { published.Add(c); return Task.CompletedTask; };

        var result = await Next.ClaimAsync(s.Analyst, queue.PublicId);

        var view = await s.Query.GetAsync(id, s.Analyst);
        Assert.Equal((id, "TST-1", "Review"), (result.CaseId, result.CaseName, result.QueueName));
        Assert.Equal(("Sam Analyst", 2L), (view.AssigneeName, view.Version));
        Assert.Contains(view.Timeline, e => e is { Type: CaseEventTypes.Assigned, NewValue: "Sam Analyst", Detail: "Next case from Review", CaseVersion: 2 });
        var change = Assert.Single(published);
        Assert.Equal(id, change.CaseId);
        Assert.Equal([queue.PublicId], change.Queues);
    }

    [SkippableFact]
    public async Task Claim_EmptyQueue_SaysSo()
    {
        var queue = await QueueAsync();

        var result = await Next.ClaimAsync(s.Analyst, queue.PublicId);

        Assert.Equal((false, "Nothing is waiting in Review that you may work."), (result.Claimed, result.Message));
    }

    [SkippableFact]
    public async Task Claim_NoQueueNamed_TakesFromTheFirstOfTheAnalystsQueuesWithACase()
    {
        await s.CreateAsync("Urgent", Where("priority", "eq", "urgent"), [s.Analyst]);
        var rest = await s.CreateAsync("Rest", Where("template", "eq", TestTemplates.Key), [s.Analyst]);
        var id = await s.NewCaseAsync();

        var result = await Next.ClaimAsync(s.Analyst);

        Assert.Equal((id, rest.Name), (result.CaseId, result.QueueName));
    }

    [SkippableFact]
    public async Task Claim_NotAMember_IsRefusedWithTheReason()
    {
        var queue = await QueueAsync(members: [s.OtherAnalyst]);
        await s.NewCaseAsync();

        var e = await Assert.ThrowsAsync<ForbiddenException>(() => Next.ClaimAsync(s.Analyst, queue.PublicId));
        Assert.Equal("You are not a member of Review; ask a lead to add you.", e.Message);
    }

    [SkippableFact]
    public async Task Claim_LeadNotAMember_MayClaim()
    {
        var queue = await QueueAsync(members: [s.OtherAnalyst]);
        var id = await s.NewCaseAsync();

        Assert.Equal(id, (await Next.ClaimAsync(s.Lead, queue.PublicId)).CaseId);
    }

    [SkippableFact]
    public async Task Claim_AtTheQueuesCap_IsRefusedWithTheReason()
    {
        var queue = await QueueAsync(cap: 1);
        await s.NewCaseAsync(s.Analyst);
        await s.NewCaseAsync();

        Assert.False((await Next.CanClaimAsync(s.Analyst, queue.PublicId)).Ok);
        var e = await Assert.ThrowsAsync<ForbiddenException>(() => Next.ClaimAsync(s.Analyst, queue.PublicId));
        Assert.Equal("You hold 1 open cases, the most Review gives one analyst; resolve one first.", e.Message);
    }

    [SkippableFact]
    public async Task Claim_Viewer_IsRefused()
    {
        var queue = await QueueAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() => Next.ClaimAsync(s.Viewer, queue.PublicId));
    }

    [SkippableFact]
    public async Task Claim_CaseOfATemplateHiddenFromAnalysts_IsPassedOver()
    {
        var hidden = TestTemplates.Review();
        (hidden.Key, hidden.Name, hidden.VisibleToRoles) = ("LDS", "Leads only", [Roles.Lead]);
        await s.Templates.ImportAsync(hidden, Actor.System("test"));
        var queue = await s.CreateAsync("Mixed", Where("template", "in", new[] { TestTemplates.Key, "LDS" }), [s.Analyst]);
        await s.Cases.CreateAsync(new NewCase("LDS") { SlaExpiresIn = TimeSpan.FromMinutes(5) }, s.Lead);
        var visible = await s.NewCaseAsync();

        Assert.Equal(visible, (await Next.ClaimAsync(s.Analyst, queue.PublicId)).CaseId);
    }

    [SkippableFact]
    public async Task Claim_ArchivedQueue_IsRefused()
    {
        var queue = await QueueAsync();
        await s.Get<QueueService>().ArchiveAsync(queue.PublicId, true, s.Admin);

        var e = await Assert.ThrowsAsync<ForbiddenException>(() => Next.ClaimAsync(s.Analyst, queue.PublicId));
        Assert.Equal("Review is archived.", e.Message);
    }
}

public sealed class QueueClaimTestsOnSqlite() : QueueClaimTests(StoreProvider.Sqlite);

public sealed class QueueClaimTestsOnPostgres() : QueueClaimTests(StoreProvider.Postgres);
