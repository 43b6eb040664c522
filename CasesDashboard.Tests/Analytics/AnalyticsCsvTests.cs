using CasesDashboard.Features.Analytics;
using CasesDashboard.Features.Cases;

namespace CasesDashboard.Tests.Analytics;

/// <summary>CSV export of the dashboard's tables.</summary>
public sealed class AnalyticsCsvTests
{
    private static readonly AnalyticsReport Report = new(
        new AppliedFilter(new AnalyticsFilter(), new(2026, 11, 1), new(2026, 11, 2), []),
        [new Figure("Open", 3, new CaseFilter { OpenOnly = true })],
        [new DayCount(new(2026, 11, 1), 2, 1)],
        [],
        [new Percentiles("Time to resolution", 2, TimeSpan.FromHours(5), TimeSpan.FromMinutes(90), null)],
        [new ComplianceRow("TST", "Test, \"review\"", 2, 1, 0, null)],
        [],
        [new AnalystRow("u1", "=HYPERLINK(\"x\")", 1, null, 0, new CaseFilter())],
        [], [], 0, false);

    [Fact]
    public void Write_Counts_HasAHeaderAndInvariantNumbers()
    {
        Assert.Equal("Figure,Value\r\nOpen,3\r\n", AnalyticsCsv.Write(Report, "counts")!.Replace("\n", "\r\n").Replace("\r\r", "\r"));
    }

    [Fact]
    public void Write_Times_InHoursWithEmptyForNone()
    {
        var lines = AnalyticsCsv.Write(Report, "times")!.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Measure,Cases,P50Hours,P75Hours,P95Hours", lines[0]);
        Assert.Equal("Time to resolution,2,5,1.5,", lines[1]);
    }

    [Fact]
    public void Write_TextWithCommasQuotesOrFormulae_IsQuotedAndNotAFormula()
    {
        Assert.Contains("\"Test, \"\"review\"\"\"", AnalyticsCsv.Write(Report, "sla-templates"));
        Assert.DoesNotContain("\n=HYPERLINK", "\n" + AnalyticsCsv.Write(Report, "analysts")!.Split('\n')[1]);
    }

    [Fact]
    public void Write_EmptyTable_IsItsHeader() =>
        Assert.StartsWith("Resolution,Percent", AnalyticsCsv.Write(Report, "resolutions"));

    [Fact]
    public void Write_UnknownTable_IsNull() => Assert.Null(AnalyticsCsv.Write(Report, "nothing"));
}
