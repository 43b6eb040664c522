using CasesDashboard.Data;
using CasesDashboard.Features.Analytics;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Sla;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Analytics;

/// <summary>Analytics against the hand-computed figures of <see cref="AnalyticsFixture"/>, on both stores.</summary>
public abstract class AnalyticsServiceTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    private AnalyticsReport r = default!;

    public async Task InitializeAsync()
    {
        s = await TestStore.OnAsync(provider);
        await AnalyticsFixture.BuildAsync(s);
        r = await Analytics.ReportAsync(new AnalyticsFilter(), s.Lead);
    }

    public async Task DisposeAsync() => await s.DisposeAsync();

    private AnalyticsService Analytics => s.Services.GetRequiredService<AnalyticsService>();
    private double Count(string label) => r.Counts.Single(c => c.Label == label).Value;
    private static TimeSpan H(double hours) => TimeSpan.FromHours(hours);

    [SkippableFact]
    public void Counts_OpenCreatedResolvedAndSla()
    {
        Assert.Equal(2, Count("Open"));
        Assert.Equal(2, Count("New (initial status)"));
        Assert.Equal(0, Count("In progress"));
        Assert.Equal(4, Count("Created in range"));
        Assert.Equal(2, Count("Resolved in range"));
        Assert.Equal(2, Count("SLA breached (open)"));
        Assert.Equal(SlaState.Breached, r.Counts.Single(c => c.Label == "SLA breached (open)").Cases!.Sla);
    }

    [SkippableFact]
    public void PerDay_CreatedAndResolvedOnTheirDays()
    {
        Assert.Equal(30, r.PerDay.Count);
        Assert.Equal(new DayCount(new(2026, 11, 24), 4, 1), r.PerDay[^2]);
        Assert.Equal(new DayCount(new(2026, 11, 25), 0, 1), r.PerDay[^1]);
    }

    [SkippableFact]
    public void Resolutions_AreSharesOfResolvedCases()
    {
        Assert.Equal([("Approved", 50.0), ("Rejected", 50.0)], r.Resolutions.Select(x => (x.Label, x.Value)).OrderBy(x => x.Label));
        Assert.Equal("approved", r.Resolutions.Single(x => x.Label == "Approved").Cases!.Status);
    }

    [SkippableFact]
    public void Percentiles_NearestRank()
    {
        Assert.Equal(new Percentiles("Time to first assignment", 3, H(2), H(4), H(4)), r.Times[0]);
        Assert.Equal(new Percentiles("Time to resolution", 2, H(5), H(30), H(30)), r.Times[1]);
    }

    [SkippableFact]
    public void Compliance_ByTemplate()
    {
        var row = Assert.Single(r.ComplianceByTemplate);
        Assert.Equal((TestTemplates.Key, 2, 1, 1, 2, 50.0), (row.Key, row.Resolved, row.Met, row.Missed, row.OpenBreached, row.Percent));
        var queue = Assert.Single(r.ComplianceByQueue);
        Assert.Equal(("No queue", 2, 1), (queue.Name, queue.Resolved, queue.Met));
    }

    [SkippableFact]
    public void Analysts_ThroughputMedianHandleTimeAndLoad()
    {
        Assert.Equal([("Sam Analyst", 2, (TimeSpan?)H(4), 0), ("Ana Other", 0, null, 1)],
            r.Analysts.Select(a => (a.Name, a.Resolved, a.MedianHandle, a.OpenLoad)));
    }

    [SkippableFact]
    public void TimeInStatus_FromTheAuditTrail()
    {
        Assert.Equal([("Open", H(68), 4), ("Working", H(27), 1)], r.TimeInStatus.Select(x => (x.Status, x.Total, x.Cases)));
        Assert.Equal(H(17), r.TimeInStatus[0].Average);
        Assert.Equal([("Sam Analyst", H(32), 2), ("Ana Other", H(26), 1)], r.TimeWithAssignee.Select(x => (x.Status, x.Total, x.Cases)));
        Assert.Equal(4, r.TimeInStatusCases);
    }

    [SkippableFact]
    public async Task Filter_FromAfterTo_IsSwappedAndSaid()
    {
        var swapped = await Analytics.ReportAsync(new AnalyticsFilter { From = new(2026, 11, 25), To = new(2026, 11, 1) }, s.Lead);

        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 25)), (swapped.Applied.From, swapped.Applied.To));
        Assert.Contains("swapped", Assert.Single(swapped.Applied.Notices));
    }

    [SkippableFact]
    public async Task Filter_ByAssignee_NarrowsEveryFigure()
    {
        var sam = await Analytics.ReportAsync(new AnalyticsFilter { AssigneeId = s.OtherAnalyst.Id }, s.Lead);

        Assert.Equal(1, sam.Counts.Single(c => c.Label == "Created in range").Value);
        Assert.Equal(0, sam.Counts.Single(c => c.Label == "Resolved in range").Value);
    }

    [SkippableFact]
    public async Task Report_ForAnAnalyst_IsForbidden()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Analytics.ReportAsync(new AnalyticsFilter(), s.Analyst));
    }

    [SkippableFact]
    public async Task Report_UnknownTemplate_IsRefusedOnTemplate()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Analytics.ReportAsync(new AnalyticsFilter { Template = "NOPE" }, s.Lead));
        Assert.Equal("template", e.Problems.Single().Path);
    }

    [SkippableFact]
    public async Task Counts_CasesOfATemplateTheReaderMayNotSee_AreLeftOut()
    {
        var hidden = TestTemplates.Review();
        (hidden.Key, hidden.Name, hidden.VisibleToRoles) = ("ADM", "Admins only", [Features.Security.Roles.Admin]);
        await s.Templates.ImportAsync(hidden, Features.Security.Actor.System("test"));
        await s.Cases.CreateAsync(new Features.Cases.NewCase("ADM"), s.Admin);

        var lead = await Analytics.ReportAsync(new AnalyticsFilter(), s.Lead);
        var admin = await Analytics.ReportAsync(new AnalyticsFilter(), s.Admin);

        double Open(AnalyticsReport x) => x.Counts.Single(c => c.Label == "Open").Value;
        Assert.Equal((2, 3), (Open(lead), Open(admin)));
    }
}

public sealed class AnalyticsServiceTestsOnSqlite() : AnalyticsServiceTests(StoreProvider.Sqlite);

public sealed class AnalyticsServiceTestsOnPostgres() : AnalyticsServiceTests(StoreProvider.Postgres);
