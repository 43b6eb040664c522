using CasesDashboard.Tests.TestInfrastructure;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;

namespace CasesDashboard.Tests.Analytics;

/// <summary>
/// A fixed history the analytics tests compute by hand. All four cases are created Tue 24 Nov 2026 09:00 UTC (SLA 24 h):
/// A assigned to Sam at +1 h, rejected by Sam at +5 h; B assigned to Sam at +2 h, Working at +3 h, approved by Sam at +30 h
/// (SLA missed); C assigned to Ana at +4 h, open; D never assigned, open. The clock ends at +30 h (C and D breached).
/// </summary>
public static class AnalyticsFixture
{
    public static async Task<(string A, string B, string C, string D)> BuildAsync(TestStore s)
    {
        var a = await s.NewCaseAsync();
        var b = await s.NewCaseAsync();
        var c = await s.NewCaseAsync();
        var d = await s.NewCaseAsync();
        s.Clock.Advance(TimeSpan.FromHours(1));
        await s.Cases.AssignAsync(a, s.Analyst.Id, null, s.Lead);
        s.Clock.Advance(TimeSpan.FromHours(1));
        await s.Cases.AssignAsync(b, s.Analyst.Id, null, s.Lead);
        s.Clock.Advance(TimeSpan.FromHours(1));
        await s.Cases.SetStatusAsync(b, "working", null, null, s.Analyst);
        s.Clock.Advance(TimeSpan.FromHours(1));
        await s.Cases.AssignAsync(c, s.OtherAnalyst.Id, null, s.Lead);
        s.Clock.Advance(TimeSpan.FromHours(1));
        await s.Cases.ApplyActionAsync(a, "reject", "not fraud", null, s.Analyst, Fields(("verdict", "clean"), ("confirmed", true)));
        s.Clock.Advance(TimeSpan.FromHours(25));
        await s.Cases.ApplyActionAsync(b, "approve", null, null, s.Analyst, Fields(("verdict", "clean"), ("confirmed", true), ("count", 1)));
        return (a, b, c, d);
    }
}
