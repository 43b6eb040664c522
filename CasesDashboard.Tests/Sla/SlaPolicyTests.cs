using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Sla;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;

namespace CasesDashboard.Tests.Sla;

/// <summary>
/// SLA policies on a real store: the due time on creation, pause and resume in a waiting status, re-timing on priority,
/// policy and template changes, reopen, explicit override (audited), and bad input named by field. The test clock starts
/// Tuesday 24 Nov 2026 09:00 UTC.
/// </summary>
public abstract class SlaPolicyTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    public async Task InitializeAsync() => s = await TestStore.OnAsync(provider);
    public async Task DisposeAsync() => await s.DisposeAsync();

    private SlaPolicyService Policies => s.Services.GetRequiredService<SlaPolicyService>();
    private static readonly BusinessCalendar Utc9To17 = new() { TimeZone = "UTC", Opens = "09:00", Closes = "17:00" };
    private static DateTime At(int d, int h) => new(2026, 11, d, h, 0, 0, DateTimeKind.Utc);
    private DateTime Now => s.Clock.GetUtcNow().UtcDateTime;

    private Task<int> PolicyAsync(SlaTarget resolution, CasePriority? priority = null, BusinessCalendar? calendar = null, params string[] pauses) =>
        Policies.SaveAsync(null, new SlaPolicyInput(TestTemplates.Key, resolution, priority, Calendar: calendar, PauseStatuses: pauses), null, s.Admin);

    private async Task<Features.Cases.Case> CaseAsync(string id)
    {
        await using var db = await s.DbAsync();
        return await db.Cases.AsNoTracking().SingleAsync(c => c.PublicId == id);
    }

    [SkippableFact]
    public async Task Create_WithoutPolicy_UsesTheTemplatesHoursAroundTheClock()
    {
        var id = await s.NewCaseAsync();

        Assert.Equal(Now.AddHours(24), (await CaseAsync(id)).SlaExpiresAt);
    }

    [SkippableFact]
    public async Task Create_WithBusinessHoursPolicy_DueByTheCalendar()
    {
        await PolicyAsync(new SlaTarget(16, SlaUnit.Hours), calendar: Utc9To17);

        var id = await s.NewCaseAsync();

        Assert.Equal(At(25, 17), (await CaseAsync(id)).SlaExpiresAt);   // Tuesday 09:00 + two 8-hour days
    }

    [SkippableFact]
    public async Task Status_WaitingStatus_PausesAndResumingMovesTheDueTimeByThePause()
    {
        await PolicyAsync(new SlaTarget(10, SlaUnit.Hours), pauses: "working");
        var id = await s.NewCaseAsync(s.Analyst);
        s.Clock.Advance(TimeSpan.FromHours(4));
        await s.Cases.SetStatusAsync(id, "working", null, null, s.Analyst);
        var paused = await CaseAsync(id);
        s.Clock.Advance(TimeSpan.FromHours(30));

        var view = await s.Query.GetAsync(id, s.Analyst);
        Assert.Equal(SlaState.Paused, view.Sla.State);
        Assert.Equal(TimeSpan.FromHours(6), view.Sla.Left);
        Assert.Equal(TimeSpan.FromHours(30), view.Sla.PausedFor);
        Assert.Equal(SlaStage.Paused, paused.SlaStage);

        await s.Cases.SetStatusAsync(id, "open", null, null, s.Analyst);
        var resumed = await CaseAsync(id);
        Assert.Equal(Now.AddHours(6), resumed.SlaExpiresAt);
        Assert.Equal(SlaStage.Running, resumed.SlaStage);
        Assert.Equal(30 * 3600, resumed.SlaPausedSeconds);
    }

    [SkippableFact]
    public async Task Priority_WithItsOwnPolicy_RetimesTheCase()
    {
        await PolicyAsync(new SlaTarget(48, SlaUnit.Hours));
        await PolicyAsync(new SlaTarget(2, SlaUnit.Hours), CasePriority.Urgent);
        var id = await s.NewCaseAsync(s.Analyst);
        var created = Now;
        Assert.Equal(created.AddHours(48), (await CaseAsync(id)).SlaExpiresAt);
        s.Clock.Advance(TimeSpan.FromMinutes(30));

        await s.Cases.SetPriorityAsync(id, CasePriority.Urgent, await s.VersionOfAsync(id), s.Analyst);

        Assert.Equal(created.AddHours(2), (await CaseAsync(id)).SlaExpiresAt);
    }

    [SkippableFact]
    public async Task SavePolicy_RetimesOpenCasesButNotResolvedOnes()
    {
        var open = await s.NewCaseAsync(s.Analyst);
        var closed = await s.NewCaseAsync(s.Analyst);
        await s.Cases.ApplyActionAsync(closed, "reject", "done", null, s.Analyst, Fields(("verdict", "clean"), ("confirmed", true)));
        var closedDue = (await CaseAsync(closed)).SlaExpiresAt;

        await PolicyAsync(new SlaTarget(3, SlaUnit.Hours));

        Assert.Equal(Now.AddHours(3), (await CaseAsync(open)).SlaExpiresAt);
        Assert.Equal(closedDue, (await CaseAsync(closed)).SlaExpiresAt);
    }

    [SkippableFact]
    public async Task Reopen_StartsTheClockAgain()
    {
        var id = await s.NewCaseAsync(s.Analyst);
        await s.Cases.ApplyActionAsync(id, "reject", "done", null, s.Analyst, Fields(("verdict", "clean"), ("confirmed", true)));
        Assert.Equal(SlaStage.Stopped, (await CaseAsync(id)).SlaStage);
        s.Clock.Advance(TimeSpan.FromDays(5));

        await s.Cases.ReopenAsync(id, "new evidence", null, s.Lead);

        var c = await CaseAsync(id);
        Assert.Equal(Now.AddHours(24), c.SlaExpiresAt);
        Assert.Equal(SlaStage.Running, c.SlaStage);
    }

    [SkippableFact]
    public async Task SavePolicy_PausingTheCurrentStatus_PausesTheCase()
    {
        var id = await s.NewCaseAsync(s.Analyst);
        await s.Cases.SetStatusAsync(id, "working", null, null, s.Analyst);
        await PolicyAsync(new SlaTarget(24, SlaUnit.Hours), pauses: "working");
        Assert.Equal(SlaStage.Paused, (await CaseAsync(id)).SlaStage);
    }

    [SkippableFact]
    public async Task Override_ByLead_SetsTheDueTimeKeepsItAndAudits()
    {
        var id = await s.NewCaseAsync(s.Analyst);
        var due = Now.AddDays(3);

        await s.Cases.OverrideSlaAsync(id, due, "customer agreed to wait", null, s.Lead);
        await s.Cases.SetPriorityAsync(id, CasePriority.Urgent, await s.VersionOfAsync(id), s.Analyst);

        var c = await CaseAsync(id);
        Assert.Equal(due, c.SlaExpiresAt);
        Assert.True(c.SlaOverridden);
        var view = await s.Query.GetAsync(id, s.Lead);
        var e = view.Timeline.Single(x => x.Field == "sla_expires_at");
        Assert.Equal(s.Lead.Name, e.ActorName);
        Assert.Contains("customer agreed to wait", e.Detail);
    }

    [SkippableFact]
    public async Task Override_Cleared_ReturnsToThePolicy()
    {
        var id = await s.NewCaseAsync(s.Analyst);
        var created = Now;
        await s.Cases.OverrideSlaAsync(id, Now.AddDays(3), "wait", null, s.Lead);

        await s.Cases.OverrideSlaAsync(id, null, "back to normal", null, s.Lead);

        var c = await CaseAsync(id);
        Assert.Equal(created.AddHours(24), c.SlaExpiresAt);
        Assert.False(c.SlaOverridden);
    }

    [SkippableFact]
    public async Task Override_ByAnalyst_IsForbidden()
    {
        var id = await s.NewCaseAsync(s.Analyst);

        await Assert.ThrowsAsync<ForbiddenException>(() => s.Cases.OverrideSlaAsync(id, Now.AddDays(1), "why", null, s.Analyst));
    }

    [SkippableFact]
    public async Task SavePolicy_BadInput_IsRefusedNamingEachField()
    {
        var input = new SlaPolicyInput(TestTemplates.Key, new SlaTarget(0, SlaUnit.Hours), FirstAssignment: new SlaTarget(-1, SlaUnit.Minutes),
            Calendar: new BusinessCalendar { TimeZone = "Atlantis/Capital", Holidays = ["tomorrow"] }, PauseStatuses: ["approved", "nope"]);

        var e = await Assert.ThrowsAsync<ValidationException>(() => Policies.SaveAsync(null, input, null, s.Admin));

        Assert.Equal(["resolution.amount", "first_assignment.amount", "calendar.time_zone", "calendar.holidays[0]", "pause_statuses[0]", "pause_statuses[1]"],
            e.Problems.Select(p => p.Path));
    }

    [SkippableFact]
    public async Task SavePolicy_ByLead_IsForbiddenAndAnAdminsSaveIsAudited()
    {
        var input = new SlaPolicyInput(TestTemplates.Key, new SlaTarget(4, SlaUnit.Hours));
        await Assert.ThrowsAsync<ForbiddenException>(() => Policies.SaveAsync(null, input, null, s.Lead));

        var policyId = await Policies.SaveAsync(null, input, null, s.Admin);

        await using var db = await s.DbAsync();
        var e = await db.AuditEvents.SingleAsync(x => x.Type == "sla-policy.saved");
        Assert.Equal($"sla_policy:{policyId}", e.Field);
        Assert.Equal($"template:{TestTemplates.Key}", e.Subject);
    }

    [SkippableFact]
    public async Task Queue_WithItsOwnPolicy_AppliesToCasesRoutedThereAndMovedThere()
    {
        var routed = await s.CreateAsync("Review", TestQueues.Where("template", "eq", TestTemplates.Key));
        var other = await s.CreateAsync("Other", TestQueues.Where("priority", "eq", "urgent"));
        await Policies.SaveAsync(null, new SlaPolicyInput(TestTemplates.Key, new SlaTarget(5, SlaUnit.Hours), QueueId: routed.Id), null, s.Admin);
        await Policies.SaveAsync(null, new SlaPolicyInput(TestTemplates.Key, new SlaTarget(50, SlaUnit.Hours), QueueId: other.Id), null, s.Admin);
        var id = await s.NewCaseAsync(s.Analyst);
        var created = Now;
        Assert.Equal(created.AddHours(5), (await CaseAsync(id)).SlaExpiresAt);

        await s.Cases.MoveToQueueAsync(id, Features.Cases.QueueChoice.To(other.PublicId), null, s.Lead);

        Assert.Equal(created.AddHours(50), (await CaseAsync(id)).SlaExpiresAt);
    }

    [SkippableFact]
    public async Task SavePolicy_UnknownQueue_IsRefusedOnQueue()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() =>
            Policies.SaveAsync(null, new SlaPolicyInput(TestTemplates.Key, new SlaTarget(5, SlaUnit.Hours), QueueId: 999), null, s.Admin));
        Assert.Equal("queue", e.Problems.Single().Path);
    }

    [SkippableFact]
    public async Task SavePolicy_SecondForTheSamePriority_IsRefused()
    {
        await PolicyAsync(new SlaTarget(4, SlaUnit.Hours), CasePriority.High);

        var e = await Assert.ThrowsAsync<ValidationException>(() => PolicyAsync(new SlaTarget(5, SlaUnit.Hours), CasePriority.High));
        Assert.Equal("priority", e.Problems.Single().Path);
    }
}

public sealed class SlaPolicyTestsOnSqlite() : SlaPolicyTests(StoreProvider.Sqlite);

public sealed class SlaPolicyTestsOnPostgres() : SlaPolicyTests(StoreProvider.Postgres);
