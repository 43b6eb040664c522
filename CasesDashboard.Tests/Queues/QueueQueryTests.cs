using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Queues;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;
using static CasesDashboard.Tests.TestInfrastructure.TestQueues;

namespace CasesDashboard.Tests.Queues;

/// <summary>What /queues shows: the reader's queues, their counts, and a queue's open cases in its order.</summary>
public abstract class QueueQueryTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    private QueueQuery Query => s.Get<QueueQuery>();
    public async Task InitializeAsync() => s = await TestStore.OnAsync(provider);
    public async Task DisposeAsync() => await s.DisposeAsync();

    private Task<QueueInfo> QueueAsync(string name = "Review", QueueSortOrder order = QueueSortOrder.SlaFirst) =>
        s.CreateAsync(name, Where("template", "eq", TestTemplates.Key), [s.Analyst], order: order);

    private Task<string> CaseAsync(TimeSpan sla, CasePriority priority = CasePriority.Normal) =>
        s.Cases.CreateAsync(new NewCase(TestTemplates.Key) { SlaExpiresIn = sla, Priority = priority }, s.Lead);

    [SkippableFact]
    public async Task Counts_MixedCases_CountOpenWaitingOldestAndBreached()
    {
        var queue = await QueueAsync();
        await CaseAsync(TimeSpan.FromHours(1));
        s.Clock.Advance(TimeSpan.FromMinutes(30));
        await s.NewCaseAsync(s.Analyst);
        var resolved = await s.NewCaseAsync(s.Analyst);
        await s.Cases.UpdateFieldsAsync(resolved, Fields(("verdict", "clean"), ("confirmed", true)), null, s.Analyst);
        await s.Cases.SetStatusAsync(resolved, "approved", null, null, s.Analyst);
        s.Clock.Advance(TimeSpan.FromHours(1));

        var counts = Assert.Single(await Query.CountsAsync([queue]));

        Assert.Equal(new QueueCounts(queue.PublicId, 2, 1, TestStore.Start.UtcDateTime, 1), counts);
    }

    [SkippableFact]
    public async Task Counts_EmptyQueue_AreZero()
    {
        var queue = await QueueAsync();

        Assert.Equal(new QueueCounts(queue.PublicId, 0, 0, null, 0), Assert.Single(await Query.CountsAsync([queue])));
    }

    [SkippableFact]
    public async Task Visible_Analyst_SeesTheQueuesTheyBelongTo()
    {
        var mine = await QueueAsync();
        await s.CreateAsync("Others", Where("priority", "eq", "urgent"), [s.OtherAnalyst]);

        Assert.Equal([mine.Name], (await Query.VisibleAsync(s.Analyst)).Select(q => q.Name));
    }

    [SkippableFact]
    public async Task Visible_Lead_SeesEveryQueueAndViewerNone()
    {
        await QueueAsync();
        await s.CreateAsync("Others", Where("priority", "eq", "urgent"), [s.OtherAnalyst]);

        Assert.Equal((2, 0), ((await Query.VisibleAsync(s.Lead)).Count, (await Query.VisibleAsync(s.Viewer)).Count));
    }

    [SkippableFact]
    public async Task Cases_ListsOpenCasesInQueueOrderWithTheirPlace()
    {
        var queue = await QueueAsync(order: QueueSortOrder.PriorityFirst);
        var low = await CaseAsync(TimeSpan.FromHours(1), CasePriority.Low);
        var urgent = await CaseAsync(TimeSpan.FromHours(5), CasePriority.Urgent);

        var page = await Query.CasesAsync(queue.PublicId, s.Analyst);

        Assert.Equal([(1, urgent), (2, low)], page.Rows.Select(r => (r.Place, r.Id)));
        Assert.Equal(2, page.Counts.Open);
    }

    [SkippableFact]
    public async Task Cases_QueueTheReaderDoesNotSee_IsNotFound()
    {
        var other = await s.CreateAsync("Others", null, [s.OtherAnalyst]);

        await Assert.ThrowsAsync<NotFoundException>(() => Query.CasesAsync(other.PublicId, s.Analyst));
    }
}

public sealed class QueueQueryTestsOnSqlite() : QueueQueryTests(StoreProvider.Sqlite);

public sealed class QueueQueryTestsOnPostgres() : QueueQueryTests(StoreProvider.Postgres);
