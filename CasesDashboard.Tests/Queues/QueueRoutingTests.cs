using System.Text.Json;
using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Queues;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;
using static CasesDashboard.Tests.TestInfrastructure.TestQueues;

namespace CasesDashboard.Tests.Queues;

/// <summary>Routing: the first queue by position whose conditions a case meets, else the template's default queue, inside the case's own write.</summary>
public abstract class QueueRoutingTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    public async Task InitializeAsync() => s = await TestStore.OnAsync(provider);
    public async Task DisposeAsync() => await s.DisposeAsync();

    private Task<string> CaseAsync(CasePriority? priority = null, params string[] tags) =>
        s.Cases.CreateAsync(new NewCase(TestTemplates.Key) { Priority = priority, Tags = tags }, s.Lead);

    [SkippableFact]
    public async Task Create_TwoQueuesMatch_LandsInTheFirstByPosition()
    {
        var urgent = await s.CreateAsync("Urgent", Where("priority", "in", new[] { "high", "urgent" }));
        await s.CreateAsync("Everything", Where("template", "eq", TestTemplates.Key));

        var id = await CaseAsync(CasePriority.Urgent);

        Assert.Equal(urgent.PublicId, await s.QueueOfAsync(id));
    }

    [SkippableFact]
    public async Task Create_Routed_AuditsTheQueueInTheCreatingWrite()
    {
        await s.CreateAsync("Everything", Where("template", "eq", TestTemplates.Key));

        var view = await s.Query.GetAsync(await CaseAsync(), s.Lead);

        var e = Assert.Single(view.Timeline, e => e.Field == "queue");
        Assert.Equal((CaseEventTypes.Updated, null, "Everything", QueueRouter.ByConditions, 1L), (e.Type, e.OldValue, e.NewValue, e.Detail, e.CaseVersion));
        Assert.Equal(1, view.Version);
    }

    [SkippableFact]
    public async Task Create_NoConditionMatches_LandsInTheTemplatesDefaultQueue()
    {
        await s.CreateAsync("Urgent", Where("priority", "eq", "urgent"));
        var fallback = await s.CreateAsync("Fallback");
        var template = TestTemplates.Review();
        template.DefaultQueue = fallback.Key;
        await s.Templates.ImportAsync(template, Actor.System("test"));

        var id = await CaseAsync(CasePriority.Low);

        Assert.Equal(fallback.PublicId, await s.QueueOfAsync(id));
        Assert.Contains((await s.Query.GetAsync(id, s.Lead)).Timeline, e => e.Field == "queue" && e.Detail == QueueRouter.ByDefault);
    }

    [SkippableFact]
    public async Task Create_NothingMatchesAndNoDefault_HasNoQueue()
    {
        await s.CreateAsync("Urgent", Where("priority", "eq", "urgent"));

        Assert.Null(await s.QueueOfAsync(await CaseAsync(CasePriority.Low)));
    }

    [SkippableFact]
    public async Task SetPriority_NowMatchesAnEarlierQueue_MovesTheCaseWithTheChange()
    {
        var urgent = await s.CreateAsync("Urgent", Where("priority", "eq", "urgent"));
        var rest = await s.CreateAsync("Rest", Where("template", "eq", TestTemplates.Key));
        var id = await CaseAsync(CasePriority.Normal);
        Assert.Equal(rest.PublicId, await s.QueueOfAsync(id));

        var change = await s.Cases.SetPriorityAsync(id, CasePriority.Urgent, 1, s.Lead);

        Assert.Equal(urgent.PublicId, await s.QueueOfAsync(id));
        Assert.Contains(change.Changes, c => c is { Field: "queue", Old: "Rest", New: "Urgent" });
        Assert.Equal([rest.PublicId, urgent.PublicId], change.Queues);
        Assert.Equal(2, change.Version);
    }

    [SkippableFact]
    public async Task AddTag_MatchesATagCondition_MovesTheCase()
    {
        var vip = await s.CreateAsync("VIP", Where("tags", "contains", "vip"));
        var id = await CaseAsync();

        await s.Cases.AddTagAsync(id, "vip", s.Lead);

        Assert.Equal(vip.PublicId, await s.QueueOfAsync(id));
    }

    [SkippableFact]
    public async Task UpdateFields_MatchesAFieldCondition_MovesTheCase()
    {
        var fraud = await s.CreateAsync("Fraud", Where("fields.verdict", "eq", "fraud"));
        var id = await CaseAsync();

        await s.Cases.UpdateFieldsAsync(id, Fields(("verdict", "fraud")), null, s.Lead);

        Assert.Equal(fraud.PublicId, await s.QueueOfAsync(id));
    }

    [SkippableFact]
    public async Task LinkObject_AReportWithMatches_MovesTheCaseToTheWatchlistQueue()
    {
        var watchlist = await s.CreateAsync("Watchlist hits", All(Where("reports.report_type", "eq", "watchlist"), Where("reports.match_count", "gt", 0)));
        await s.Objects.ImportAsync(new ObjectBundle
        {
            Reports =
            [
                JsonSerializer.SerializeToElement(new { id = "rep_clean000000000000000001", report_type = "watchlist", status = "ready", match_count = 0 }),
                JsonSerializer.SerializeToElement(new { id = "rep_hit00000000000000000001", report_type = "watchlist", status = "ready", match_count = 2 }),
            ],
        });
        var id = await CaseAsync();

        await s.Cases.LinkObjectAsync(id, "rep_clean000000000000000001", s.Lead);
        var before = await s.QueueOfAsync(id);
        await s.Cases.LinkObjectAsync(id, "rep_hit00000000000000000001", s.Lead);

        Assert.Equal((null, watchlist.PublicId), (before, await s.QueueOfAsync(id)));
    }

    [SkippableFact]
    public async Task Resolve_LeavesTheCaseInItsQueue()
    {
        var working = await s.CreateAsync("Open only", Where("status", "in", new[] { "open", "working" }));
        var id = await CaseAsync();

        await s.Cases.UpdateFieldsAsync(id, Fields(("verdict", "clean"), ("confirmed", true)), null, s.Lead);
        await s.Cases.SetStatusAsync(id, "approved", null, null, s.Lead);

        Assert.Equal(working.PublicId, await s.QueueOfAsync(id));
    }

    [SkippableFact]
    public async Task Comment_DoesNotRouteAgain()
    {
        var id = await CaseAsync();
        await s.CreateAsync("Everything", Where("template", "eq", TestTemplates.Key));

        await s.Cases.AddCommentAsync(id, "Looked at it.", s.Lead);

        Assert.Null(await s.QueueOfAsync(id));
    }

    [SkippableFact]
    public async Task Create_PlacedInAQueue_IsPinnedThereAndRoutingLeavesIt()
    {
        await s.CreateAsync("Urgent", Where("priority", "eq", "urgent"));
        var manual = await s.CreateAsync("Manual");
        var id = await s.Cases.CreateAsync(new NewCase(TestTemplates.Key) { QueueId = manual.PublicId }, s.Lead);

        await s.Cases.SetPriorityAsync(id, CasePriority.Urgent, 1, s.Lead);

        var view = await s.Query.GetAsync(id, s.Lead);
        Assert.Equal((manual.PublicId, true), (view.Queue?.PublicId, view.QueuePinned));
    }

    [SkippableFact]
    public async Task MoveToQueue_Lead_MovesPinsAndAudits()
    {
        var rest = await s.CreateAsync("Rest", Where("template", "eq", TestTemplates.Key));
        var other = await s.CreateAsync("Other");
        var id = await CaseAsync();

        var change = await s.Cases.MoveToQueueAsync(id, QueueChoice.To(other.PublicId), 1, s.Lead);

        Assert.Contains(change.Changes, c => c is { Field: "queue", Old: "Rest", New: "Other", Detail: "placed by Lee Lead" });
        Assert.Equal([rest.PublicId, other.PublicId], change.Queues);
        Assert.True((await s.Query.GetAsync(id, s.Lead)).QueuePinned);
    }

    [SkippableFact]
    public async Task MoveToQueue_BackToRouting_UnpinsAndRoutesAgain()
    {
        var rest = await s.CreateAsync("Rest", Where("template", "eq", TestTemplates.Key));
        var other = await s.CreateAsync("Other");
        var id = await CaseAsync();
        await s.Cases.MoveToQueueAsync(id, QueueChoice.To(other.PublicId), 1, s.Lead);

        await s.Cases.MoveToQueueAsync(id, QueueChoice.Routing, null, s.Lead);

        var view = await s.Query.GetAsync(id, s.Lead);
        Assert.Equal((rest.PublicId, false), (view.Queue?.PublicId, view.QueuePinned));
    }

    [SkippableFact]
    public async Task MoveToQueue_Analyst_IsRefusedWithTheReason()
    {
        var other = await s.CreateAsync("Other");
        var id = await s.NewCaseAsync(s.Analyst);

        var e = await Assert.ThrowsAsync<ForbiddenException>(() => s.Cases.MoveToQueueAsync(id, QueueChoice.To(other.PublicId), null, s.Analyst));
        Assert.Equal("Only leads and admins can move cases between queues.", e.Message);
    }

    [SkippableFact]
    public async Task MoveToQueue_UnknownQueue_IsAProblemAtCaseQueue()
    {
        var id = await CaseAsync();

        var e = await Assert.ThrowsAsync<ValidationException>(() => s.Cases.MoveToQueueAsync(id, QueueChoice.To("cq_nope"), null, s.Lead));
        Assert.Equal(new Problem("case_queue", "There is no case queue 'cq_nope'."), Assert.Single(e.Problems));
    }

    [SkippableFact]
    public async Task BulkImport_RoutesEveryCaseAndAuditsIt()
    {
        var urgent = await s.CreateAsync("Urgent", Where("priority", "eq", "urgent"));
        var rest = await s.CreateAsync("Rest", Where("template", "eq", TestTemplates.Key));

        var ids = await s.Get<CaseBulkImporter>().ImportAsync(
        [
            new BulkCase(TestTemplates.Key, "open", TestStore.Start.UtcDateTime.AddHours(-2)) { Priority = CasePriority.Urgent },
            new BulkCase(TestTemplates.Key, "working", TestStore.Start.UtcDateTime.AddHours(-1)) { AssigneeId = s.Analyst.Id },
        ], s.Lead);

        Assert.Equal((urgent.PublicId, rest.PublicId), (await s.QueueOfAsync(ids[0]), await s.QueueOfAsync(ids[1])));
        Assert.Contains((await s.Query.GetAsync(ids[0], s.Lead)).Timeline, e => e.Field == "queue" && e.NewValue == "Urgent");
    }

    [SkippableFact]
    public async Task Migrate_NewVersionChangesWhatMatches_RoutesTheMovedCases()
    {
        var id = await CaseAsync();
        var template = TestTemplates.Review();
        template.Statuses[0].Label = "Open (v2)";
        template.Fields.Add(new FieldDefinition { Key = "channel", Label = "Channel", Type = FieldType.Text });
        await s.Templates.ImportAsync(template, Actor.System("test"));
        var everything = await s.CreateAsync("Everything", Where("template", "eq", TestTemplates.Key));

        await s.Get<TemplateMigrator>().MigrateAsync(TestTemplates.Key, s.Lead);

        Assert.Equal(everything.PublicId, await s.QueueOfAsync(id));
    }
}

public sealed class QueueRoutingTestsOnSqlite() : QueueRoutingTests(StoreProvider.Sqlite);

public sealed class QueueRoutingTestsOnPostgres() : QueueRoutingTests(StoreProvider.Postgres);
