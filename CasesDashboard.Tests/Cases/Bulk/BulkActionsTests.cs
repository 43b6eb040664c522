using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Cases.Bulk;
using CasesDashboard.Features.Common;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;

namespace CasesDashboard.Tests.Cases.Bulk;

/// <summary>Bulk actions: each case through the case page's own service methods, in batches, with a report of what was refused and why.</summary>
public abstract class BulkActionsTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    private BulkActions Bulk => s.Services.GetRequiredService<BulkActions>();

    public async Task InitializeAsync() => s = await TestStore.OnAsync(provider, new() { ["Bulk:BatchSize"] = "2" });
    public async Task DisposeAsync() => await s.DisposeAsync();

    private async Task<List<string>> NewCasesAsync(int count, Features.Security.Actor? assignee = null)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++) ids.Add(await s.NewCaseAsync(assignee));
        return ids;
    }

    private static SelectedCases Picked(IEnumerable<string> ids) => new(ids.Select(id => new BulkTarget(id, null, "")).ToList());

    private async Task<List<T>> EachAsync<T>(IEnumerable<string> caseIds, Func<Features.Cases.CaseView, T> pick)
    {
        var values = new List<T>();
        foreach (var id in caseIds) values.Add(pick(await s.Query.GetAsync(id, s.Lead)));
        return values;
    }

    private async Task<int> EventsAsync(string caseId, string type) =>
        (await s.Query.GetAsync(caseId, s.Admin)).Timeline.Count(e => e.Type == type);

    [SkippableFact]
    public async Task Run_AssignSelectedCases_AssignsEachWithOneAuditEventPerCase()
    {
        var ids = await NewCasesAsync(3);

        var report = await Bulk.RunAsync(Picked(ids), new BulkAssign(s.Analyst.Id), s.Lead);

        Assert.Equal((3, 0, 0), (report.Changed, report.Unchanged, report.RefusedCount));
        foreach (var id in ids)
        {
            Assert.Equal("Sam Analyst", (await s.Query.GetAsync(id, s.Lead)).AssigneeName);
            Assert.Equal(1, await EventsAsync(id, CaseEventTypes.Assigned));
        }
    }

    [SkippableFact]
    public async Task Run_AllMatchingAFilter_ChangesOnlyTheMatchingCases()
    {
        var tagged = await NewCasesAsync(5);
        var other = await NewCasesAsync(2);
        foreach (var id in tagged) await s.Cases.AddTagAsync(id, "batch-a", s.Lead);

        var report = await Bulk.RunAsync(new MatchingCases(new CaseFilter { Tag = "batch-a" }), new BulkAddTag("reviewed"), s.Lead);

        Assert.Equal((5, 5), (report.Total, report.Changed));
        Assert.All(await EachAsync(tagged, v => v.Tags), tags => Assert.Contains("reviewed", tags));
        Assert.All(await EachAsync(other, v => v.Tags), tags => Assert.DoesNotContain("reviewed", tags));
    }

    [SkippableFact]
    public async Task Run_AllMatchingAFilter_ReportsProgressOncePerBatch()
    {
        var ids = await NewCasesAsync(5);
        var reports = new List<BulkProgress>();

        await Bulk.RunAsync(new MatchingCases(new CaseFilter()), new BulkAddTag("seen"), s.Lead, new SyncProgress(reports.Add));

        Assert.Equal([2, 4, 5], reports.Select(r => r.Done));
        Assert.All(reports, r => Assert.Equal(5, r.Total));
    }

    [SkippableFact]
    public async Task Run_ResolveWithRequiredFieldsEmptyOnSome_ResolvesTheRestAndNamesWhyEachWasRefused()
    {
        var ids = await NewCasesAsync(4, s.Analyst);
        foreach (var id in ids.Take(2)) await s.Cases.UpdateFieldsAsync(id, Fields(("verdict", "clean"), ("confirmed", true)), null, s.Analyst);

        var report = await Bulk.RunAsync(Picked(ids), new BulkSetStatus("approved"), s.Lead);

        Assert.Equal((2, 2), (report.Changed, report.RefusedCount));
        Assert.Equal(ids.Skip(2), report.Refusals.Select(r => r.CaseId));
        Assert.All(report.Refusals, r => Assert.StartsWith("Verdict is required to resolve TST-", r.Reason));
        Assert.Equal("approved", (await s.Query.GetAsync(ids[0], s.Lead)).Status.Key);
        Assert.Equal("open", (await s.Query.GetAsync(ids[3], s.Lead)).Status.Key);
    }

    [SkippableFact]
    public async Task Run_TransitionTheTemplateForbids_IsRefusedWithTheReason()
    {
        var id = (await NewCasesAsync(1, s.Analyst))[0];
        await s.Cases.UpdateFieldsAsync(id, Fields(("verdict", "clean"), ("confirmed", true)), null, s.Analyst);
        await s.Cases.SetStatusAsync(id, "approved", null, null, s.Analyst);

        var report = await Bulk.RunAsync(Picked([id]), new BulkSetStatus("working"), s.Lead);

        Assert.Contains("is resolved; it can only be reopened", report.Refusals.Single().Reason);
    }

    [SkippableFact]
    public async Task Run_CaseChangedSinceTheReaderSawIt_IsRefusedAsStale()
    {
        var id = (await NewCasesAsync(1))[0];
        var seen = await s.VersionOfAsync(id);
        await s.Cases.AssignAsync(id, s.OtherAnalyst.Id, seen, s.Lead);

        var report = await Bulk.RunAsync(new SelectedCases([new BulkTarget(id, seen, "TST-1")]), new BulkAssign(s.Analyst.Id), s.Lead);

        Assert.Contains("changed since you opened it", report.Refusals.Single().Reason);
        Assert.Equal("Ana Other", (await s.Query.GetAsync(id, s.Lead)).AssigneeName);
    }

    [SkippableFact]
    public async Task Run_AnalystClaimsCasesSomeOfWhichAreTaken_ClaimsTheFreeOnesOnly()
    {
        var free = await NewCasesAsync(2);
        var taken = await NewCasesAsync(1, s.OtherAnalyst);

        var report = await Bulk.RunAsync(Picked([.. free, .. taken]), new BulkAssign(s.Analyst.Id), s.Analyst);

        Assert.Equal(2, report.Changed);
        Assert.Contains("is already assigned to Ana Other", report.Refusals.Single().Reason);
    }

    [SkippableFact]
    public async Task Run_CaseAlreadyAsAsked_CountsAsUnchangedAndWritesNothing()
    {
        var id = (await NewCasesAsync(1, s.Analyst))[0];

        var report = await Bulk.RunAsync(Picked([id]), new BulkAssign(s.Analyst.Id), s.Lead);

        Assert.Equal((0, 1), (report.Changed, report.Unchanged));
        Assert.Equal(1, await EventsAsync(id, CaseEventTypes.Assigned));
    }

    [SkippableFact]
    public async Task Run_CancelledAfterTheFirstBatch_KeepsThatBatchAndReportsTheRestNotReached()
    {
        var ids = await NewCasesAsync(5);
        using var cancel = new CancellationTokenSource();

        var report = await Bulk.RunAsync(Picked(ids), new BulkAddTag("half"), s.Lead, new SyncProgress(_ => cancel.Cancel()), cancel.Token);

        Assert.True(report.Cancelled);
        Assert.Equal((2, 3), (report.Changed, report.NotReached));
        Assert.Equal([true, true, false, false, false], await EachAsync(ids, v => v.Tags.Contains("half")));
    }

    [SkippableFact]
    public async Task Run_AnalystAssigningToSomeoneElse_IsRefusedBeforeAnyCaseIsTouched()
    {
        var ids = await NewCasesAsync(2);

        await Assert.ThrowsAsync<ForbiddenException>(() => Bulk.RunAsync(Picked(ids), new BulkAssign(s.OtherAnalyst.Id), s.Analyst));

        Assert.All(await EachAsync(ids, v => v.AssigneeId), Assert.Null);
    }

    [SkippableFact]
    public async Task Run_InvalidTag_IsRefusedBeforeAnyCaseIsTouched()
    {
        var ids = await NewCasesAsync(1);

        var e = await Assert.ThrowsAsync<ValidationException>(() => Bulk.RunAsync(Picked(ids), new BulkAddTag("bad/tag"), s.Lead));

        Assert.Equal("tag", e.Problems.Single().Path);
    }

    [SkippableFact]
    public async Task Offer_Analyst_OffersClaimAndUnassignButNoOtherAssignee()
    {
        var offer = await Bulk.OfferAsync(s.Analyst);

        Assert.True(offer.AssignToMe && offer.Unassign && offer.Tags);
        Assert.Empty(offer.Assignees);
    }

    [SkippableFact]
    public async Task Offer_Lead_OffersEveryoneWhoCanWork()
    {
        var offer = await Bulk.OfferAsync(s.Lead);

        Assert.Equal(["Ada Admin", "Ana Other", "Lee Lead", "Sam Analyst"], offer.Assignees.Select(u => u.DisplayName).Order());
    }

    [SkippableFact]
    public async Task Run_MoveToQueue_PinsEachCaseThereWithAQueueEventAndRefusesResolvedOnes()
    {
        var queue = await s.CreateAsync("Escalations");
        var ids = await NewCasesAsync(3);
        await s.Cases.ApplyActionAsync(ids[2], "approve", null, null, s.Lead, Fields(("verdict", "clean"), ("confirmed", true), ("count", 1)));
        var before = await EventsAsync(ids[0], CaseEventTypes.Updated);

        var report = await Bulk.RunAsync(Picked(ids), new BulkMoveToQueue(QueueChoice.To(queue.PublicId)), s.Lead);

        Assert.Equal((2, 1), (report.Changed, report.RefusedCount));
        Assert.Contains("reopen it before moving it", Assert.Single(report.Refusals).Reason);
        Assert.Equal(new string?[] { queue.PublicId, queue.PublicId, null }, new[] { await s.QueueOfAsync(ids[0]), await s.QueueOfAsync(ids[1]), await s.QueueOfAsync(ids[2]) });
        Assert.True((await s.Query.GetAsync(ids[0], s.Lead)).QueuePinned);
        Assert.Equal(before + 1, await EventsAsync(ids[0], CaseEventTypes.Updated));
    }

    [SkippableFact]
    public async Task Run_MoveToQueue_AnalystIsRefusedBeforeAnyCaseIsTouched()
    {
        var queue = await s.CreateAsync("Escalations");
        var ids = await NewCasesAsync(2);

        var e = await Assert.ThrowsAnyAsync<DomainException>(() => Bulk.RunAsync(Picked(ids), new BulkMoveToQueue(QueueChoice.To(queue.PublicId)), s.Analyst));

        Assert.Contains("Only leads and admins can move cases between queues", e.Message);
        Assert.All(await EachAsync(ids, v => v.Queue), Assert.Null);
    }

    [SkippableFact]
    public async Task Offer_Lead_OffersTheQueues_Analyst_None()
    {
        var first = await s.CreateAsync("Escalations");
        var second = await s.CreateAsync("Payments");

        Assert.Equal(new[] { first.PublicId, second.PublicId }.Order(), (await Bulk.OfferAsync(s.Lead)).Queues.Select(q => q.PublicId).Order());
        Assert.False((await Bulk.OfferAsync(s.Analyst)).MoveQueues);
    }

    [SkippableFact]
    public async Task Offer_Viewer_OffersNothing()
    {
        Assert.False((await Bulk.OfferAsync(s.Viewer)).Any);
    }

    [SkippableFact]
    public async Task Offer_Analyst_LeavesOutStatusesOnlyLeadActionsReach()
    {
        var t = TestTemplates.Review();
        t.Key = "ESC";
        t.Statuses.Add(new() { Key = "escalated", Label = "Escalated", Type = Features.Templates.StatusType.Intermediate });
        t.Actions.Add(new() { Key = "escalate", Label = "Escalate", TargetStatus = "escalated", Roles = [Features.Security.Roles.Lead] });
        await s.Templates.ImportAsync(t, Features.Security.Actor.System("test"));

        var offer = await Bulk.OfferAsync(s.Analyst);

        Assert.DoesNotContain(offer.Statuses, x => x.Key == "escalated");
        Assert.Contains(offer.Statuses, x => x.Key == "working");
    }

    /// <summary>Reports on the caller's thread at once (Progress&lt;T&gt; would post to the thread pool).</summary>
    internal sealed class SyncProgress(Action<BulkProgress> report) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value) => report(value);
    }
}

public sealed class BulkActionsTestsOnSqlite() : BulkActionsTests(StoreProvider.Sqlite);

public sealed class BulkActionsTestsOnPostgres() : BulkActionsTests(StoreProvider.Postgres);
