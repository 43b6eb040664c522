using System.Collections.Concurrent;
using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Sla;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Sla;

/// <summary>
/// The SLA monitor on a fake clock: each breach and at-risk warning recorded exactly once across repeated sweeps, a restart
/// (a new monitor), two monitors at once and a sweep days late; paused and re-timed cases are left alone. The template's SLA
/// is 24 h around the clock; the at-risk window 4 h; batches of 2 so that paging is exercised.
/// </summary>
public abstract class SlaMonitorTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    private readonly ConcurrentQueue<CaseChanged> published = new();

    public async Task InitializeAsync()
    {
        s = await TestStore.OnAsync(provider, new() { ["Sla:MonitorBatch"] = "2", ["Sla:MonitorPeriod"] = "00:01:00" });
        s.Events.Changed += c => { published.Enqueue(c); return Task.CompletedTask; };
    }

    public async Task DisposeAsync() => await s.DisposeAsync();

    /// <summary>A fresh monitor, as after a restart (the singleton is the running one).</summary>
    private SlaMonitor NewMonitor() => ActivatorUtilities.CreateInstance<SlaMonitor>(s.Services);

    private async Task<List<AuditEvent>> SlaEventsAsync(string type)
    {
        await using var db = await s.DbAsync();
        return await db.AuditEvents.AsNoTracking().Where(e => e.Type == type).OrderBy(e => e.Id).ToListAsync();
    }

    [SkippableFact]
    public async Task Sweep_DueCase_RecordsTheBreachOnceAndPublishesIt()
    {
        var id = await s.NewCaseAsync(s.Analyst);
        s.Clock.Advance(TimeSpan.FromHours(25));

        var first = await NewMonitor().SweepAsync();
        var second = await NewMonitor().SweepAsync();

        Assert.Equal(new SlaSweep(1, 0), first);
        Assert.Equal(new SlaSweep(0, 0), second);
        var e = Assert.Single(await SlaEventsAsync(CaseEventTypes.SlaExpired));
        Assert.Equal("breached", e.NewValue);
        Assert.Contains(published, c => c.CaseId == id && c.EventType == CaseEventTypes.SlaExpired);
        Assert.Equal(SlaState.Breached, (await s.Query.GetAsync(id, s.Analyst)).Sla.State);
    }

    [SkippableFact]
    public async Task Sweep_DaysLate_RecordsEveryMissedBreachOnceAcrossBatches()
    {
        for (var i = 0; i < 5; i++)
        {
            await s.NewCaseAsync(s.Analyst);
            s.Clock.Advance(TimeSpan.FromHours(1));
        }
        s.Clock.Advance(TimeSpan.FromDays(10));

        Assert.Equal(new SlaSweep(5, 0), await NewMonitor().SweepAsync());
        Assert.Equal(new SlaSweep(0, 0), await NewMonitor().SweepAsync());
        Assert.Equal(5, (await SlaEventsAsync(CaseEventTypes.SlaExpired)).Select(e => e.CaseId).Distinct().Count());
        Assert.Empty(await SlaEventsAsync(CaseEventTypes.SlaAtRisk));
    }

    [SkippableFact]
    public async Task Sweep_TwoMonitorsAtOnce_RecordEachBreachOnce()
    {
        for (var i = 0; i < 4; i++) await s.NewCaseAsync(s.Analyst);
        s.Clock.Advance(TimeSpan.FromHours(30));

        var sweeps = await Task.WhenAll(NewMonitor().SweepAsync(), NewMonitor().SweepAsync());

        Assert.Equal(4, sweeps.Sum(x => x.Breached));
        Assert.Equal(4, (await SlaEventsAsync(CaseEventTypes.SlaExpired)).Count);
    }

    [SkippableFact]
    public async Task Sweep_WithinTheWindow_WarnsOnceThenBreachesOnce()
    {
        await s.NewCaseAsync(s.Analyst);
        s.Clock.Advance(TimeSpan.FromHours(21));
        Assert.Equal(new SlaSweep(0, 1), await NewMonitor().SweepAsync());
        s.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(new SlaSweep(0, 0), await NewMonitor().SweepAsync());
        s.Clock.Advance(TimeSpan.FromHours(3));

        Assert.Equal(new SlaSweep(1, 0), await NewMonitor().SweepAsync());
        Assert.Single(await SlaEventsAsync(CaseEventTypes.SlaAtRisk));
        Assert.Single(await SlaEventsAsync(CaseEventTypes.SlaExpired));
    }

    [SkippableFact]
    public async Task Sweep_PausedCase_IsNotBreachedAndAfterResumingIsOnlyWhenItsNewTimeComes()
    {
        await s.Services.GetRequiredService<SlaPolicyService>().SaveAsync(null,
            new SlaPolicyInput(TestTemplates.Key, new SlaTarget(24, SlaUnit.Hours), PauseStatuses: ["working"]), null, s.Admin);
        var id = await s.NewCaseAsync(s.Analyst);
        s.Clock.Advance(TimeSpan.FromHours(10));
        await s.Cases.SetStatusAsync(id, "working", null, null, s.Analyst);
        s.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(new SlaSweep(0, 0), await NewMonitor().SweepAsync());

        await s.Cases.SetStatusAsync(id, "open", null, null, s.Analyst);
        s.Clock.Advance(TimeSpan.FromHours(13));
        Assert.Equal(new SlaSweep(0, 1), await NewMonitor().SweepAsync());   // 1 h of its 14 left: at risk, not breached
        s.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(new SlaSweep(1, 0), await NewMonitor().SweepAsync());
    }

    [SkippableFact]
    public async Task Sweep_AfterTheDueTimeWasMovedLater_DoesNotBreachAtTheOldTime()
    {
        var id = await s.NewCaseAsync(s.Analyst);
        s.Clock.Advance(TimeSpan.FromHours(23));
        await NewMonitor().SweepAsync();                                     // at risk
        await s.Cases.OverrideSlaAsync(id, s.Clock.GetUtcNow().UtcDateTime.AddDays(2), "customer asked for time", null, s.Lead);
        s.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(new SlaSweep(0, 0), await NewMonitor().SweepAsync());
    }

    [SkippableFact]
    public async Task Resolve_AfterBreach_ThenReopen_CanBreachAgainOnItsNewClock()
    {
        var id = await s.NewCaseAsync(s.Analyst);
        s.Clock.Advance(TimeSpan.FromHours(25));
        await NewMonitor().SweepAsync();
        await s.Cases.ApplyActionAsync(id, "reject", "done", null, s.Analyst, JsonValues.Fields(("verdict", "clean"), ("confirmed", true)));
        await s.Cases.ReopenAsync(id, "more to check", null, s.Lead);
        Assert.Equal(new SlaSweep(0, 0), await NewMonitor().SweepAsync());
        s.Clock.Advance(TimeSpan.FromHours(25));

        Assert.Equal(1, (await NewMonitor().SweepAsync()).Breached);
        Assert.Equal(2, (await SlaEventsAsync(CaseEventTypes.SlaExpired)).Count);
    }

    [SkippableFact]
    public async Task Running_OnTheFakeClock_SweepsOnEachTickAndStopsCleanly()
    {
        var monitor = s.Services.GetRequiredService<SlaMonitor>();
        await s.NewCaseAsync(s.Analyst);
        await monitor.StartAsync(CancellationToken.None);
        try
        {
            s.Clock.Advance(TimeSpan.FromHours(25));
            s.Clock.Advance(TimeSpan.FromMinutes(1));
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while ((await SlaEventsAsync(CaseEventTypes.SlaExpired)).Count == 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
            {
                s.Clock.Advance(TimeSpan.FromMinutes(1));
                await Task.Delay(50);
            }
        }
        finally { await monitor.StopAsync(CancellationToken.None); }

        Assert.Single(await SlaEventsAsync(CaseEventTypes.SlaExpired));
        Assert.Null(await s.Services.GetRequiredService<Leases>().HolderAsync(SlaMonitor.LeaseName));
    }

    [SkippableFact]
    public async Task Running_WhileAnotherInstanceHoldsTheLease_DoesNotSweep()
    {
        var leases = s.Services.GetRequiredService<Leases>();
        Assert.True(await leases.TryAcquireAsync(SlaMonitor.LeaseName, TimeSpan.FromDays(30), holder: "other-instance"));
        await s.NewCaseAsync(s.Analyst);
        var monitor = s.Services.GetRequiredService<SlaMonitor>();
        await monitor.StartAsync(CancellationToken.None);
        try
        {
            for (var i = 0; i < 5; i++) { s.Clock.Advance(TimeSpan.FromHours(10)); await Task.Delay(50); }
        }
        finally { await monitor.StopAsync(CancellationToken.None); }

        Assert.Empty(await SlaEventsAsync(CaseEventTypes.SlaExpired));
    }
}

public sealed class SlaMonitorTestsOnSqlite() : SlaMonitorTests(StoreProvider.Sqlite);

public sealed class SlaMonitorTestsOnPostgres() : SlaMonitorTests(StoreProvider.Postgres);
