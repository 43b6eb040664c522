using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Queues;
using CasesDashboard.Tests.TestInfrastructure;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;
using static CasesDashboard.Tests.TestInfrastructure.TestQueues;

namespace CasesDashboard.Tests.Queues;

/// <summary>
/// The per-queue forecast, computed by hand: backlog, cases resolved per day over the last 7 days, when the queue is empty at
/// that rate, and how many open cases pass their due time before the queue (worked in its order) reaches them.
/// </summary>
public abstract class QueueForecastTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    private QueueForecast Forecast => s.Get<QueueForecast>();
    public async Task InitializeAsync() => s = await TestStore.OnAsync(provider);
    public async Task DisposeAsync() => await s.DisposeAsync();

    private DateTime Now => s.Clock.GetUtcNow().UtcDateTime;

    private Task<QueueInfo> QueueAsync(QueueSortOrder order = QueueSortOrder.SlaFirst) =>
        s.CreateAsync("Review", Where("template", "eq", TestTemplates.Key), [s.Analyst], order: order);

    private Task<string> OpenAsync(TimeSpan dueIn) => s.Cases.CreateAsync(new NewCase(TestTemplates.Key) { SlaExpiresIn = dueIn }, s.Lead);

    private async Task ResolveAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = await s.NewCaseAsync(s.Analyst);
            await s.Cases.UpdateFieldsAsync(id, Fields(("verdict", "clean"), ("confirmed", true)), null, s.Analyst);
            await s.Cases.SetStatusAsync(id, "approved", null, null, s.Analyst);
        }
    }

    [SkippableFact]
    public async Task Forecast_BacklogAndAWeeksThroughput_GivesTheEmptyTimeAndTheCasesThatWillBreach()
    {
        var queue = await QueueAsync();
        await ResolveAsync(1);                           // resolved 8 days + 1 h before now: outside the window
        s.Clock.Advance(TimeSpan.FromDays(8));
        await ResolveAsync(14);                          // 14 in the last 7 days: 2 a day, the k-th open case done at now + k × 12 h
        await OpenAsync(TimeSpan.FromMinutes(30));       // k=1: already past due at now, not counted
        await OpenAsync(TimeSpan.FromHours(1 + 12));     // k=2: due now + 12 h, done at + 24 h → breaches
        await OpenAsync(TimeSpan.FromHours(1 + 40));     // k=3: due + 40 h, done at + 36 h
        await OpenAsync(TimeSpan.FromHours(1 + 60));     // k=5: due + 60 h, done at + 60 h (not before: no breach)
        await OpenAsync(TimeSpan.FromHours(1 + 45));     // k=4: due + 45 h, done at + 48 h → breaches
        s.Clock.Advance(TimeSpan.FromHours(1));

        var o = Assert.Single(await Forecast.ForecastAsync([queue]));

        Assert.Equal((5, 14, 2.0, Now.AddHours(60), 2, false), (o.Backlog, o.ResolvedInWindow, o.PerDay, o.EmptyAt, o.WillBreach, o.WillBreachIsLowerBound));
        Assert.Equal("empty in ~3 d · 2 will breach", QueueOutlookText.Summary(o, Now));
    }

    [SkippableFact]
    public async Task Forecast_OldestFirstOrder_WalksTheCasesInThatOrder()
    {
        var queue = await QueueAsync(QueueSortOrder.OldestFirst);
        s.Clock.Advance(TimeSpan.FromDays(1));
        await ResolveAsync(7);                           // 1 a day: the k-th open case done at now + k days
        await OpenAsync(TimeSpan.FromDays(5));           // k=1, done at + 1 d
        s.Clock.Advance(TimeSpan.FromMinutes(1));
        await OpenAsync(TimeSpan.FromHours(36));         // k=2, done at + 2 d → breaches (first in SLA order, second here)

        var o = Assert.Single(await Forecast.ForecastAsync([queue]));

        Assert.Equal((2, 7, 1.0, 1), (o.Backlog, o.ResolvedInWindow, o.PerDay, o.WillBreach));
    }

    [SkippableFact]
    public async Task Forecast_NothingResolvedInAWeek_NeverEmptiesAndEveryRunningCaseWillBreach()
    {
        var queue = await QueueAsync();
        await OpenAsync(TimeSpan.FromMinutes(30));
        await OpenAsync(TimeSpan.FromDays(30));
        await OpenAsync(TimeSpan.FromDays(300));
        s.Clock.Advance(TimeSpan.FromHours(1));

        var o = Assert.Single(await Forecast.ForecastAsync([queue]));

        Assert.Equal((3, 0, 0.0, (DateTime?)null, 2, true), (o.Backlog, o.ResolvedInWindow, o.PerDay, o.EmptyAt, o.WillBreach, o.NeverEmpties));
        Assert.Equal("never empty at this rate · 2 will breach", QueueOutlookText.Summary(o, Now));
    }

    [SkippableFact]
    public async Task Forecast_EmptyQueue_IsEmptyNowWithNothingToBreach()
    {
        var queue = await QueueAsync();
        await ResolveAsync(3);

        var o = Assert.Single(await Forecast.ForecastAsync([queue]));

        Assert.Equal((0, 3, Now, 0), (o.Backlog, o.ResolvedInWindow, o.EmptyAt, o.WillBreach));
        Assert.Equal("empty", QueueOutlookText.Summary(o, Now));
    }
}

public sealed class QueueForecastTestsOnSqlite() : QueueForecastTests(StoreProvider.Sqlite);

public sealed class QueueForecastTestsOnPostgres() : QueueForecastTests(StoreProvider.Postgres);
