using Bunit;
using CasesDashboard.Features.Analytics;
using CasesDashboard.Features.Analytics.Components;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Analytics;

/// <summary>The dashboard renders the service's figures for the fixed history, links them to the grid, and explains bad input.</summary>
public sealed class AnalyticsPageTests : IAsyncLifetime
{
    private ComponentHarness h = default!;

    public async Task InitializeAsync()
    {
        h = (await ComponentHarness.CreateAsync()).Use<AnalyticsService>();
        await AnalyticsFixture.BuildAsync(h.Store);
        h.SignIn(h.Store.Lead);
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    private IRenderedComponent<AnalyticsPage> Open(string query = "")
    {
        h.Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("analytics" + query);
        return h.Render<AnalyticsPage>();
    }

    [Fact]
    public void Render_ShowsTheCountsLinkedToTheGrid()
    {
        var page = Open();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=count]")));
        var breached = page.FindAll("[data-testid=count]").Single(c => c.TextContent.Contains("SLA breached (open)"));
        Assert.Contains("2", breached.QuerySelector("a")!.TextContent);
        Assert.Equal("cases?sla=breached", breached.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void Render_ShowsPercentilesComplianceAnalystsAndTimeInStatus()
    {
        var page = Open();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=times] tr")));
        Assert.Equal(["Time to first assignment", "3", "2 h", "4 h", "4 h"], page.FindAll("[data-testid=times] tr")[1].QuerySelectorAll("td").Select(x => x.TextContent));
        Assert.Contains("50 %", page.Find("[data-testid=sla-templates]").TextContent);
        Assert.Equal(["Sam Analyst", "2", "4 h", "0"], page.FindAll("[data-testid=analysts] tr")[1].QuerySelectorAll("td").Select(x => x.TextContent));
        Assert.Equal(["Open", "2 d 20 h", "17 h", "4"], page.FindAll("[data-testid=time-in-status] tr")[1].QuerySelectorAll("td").Select(x => x.TextContent));
        Assert.NotEmpty(page.FindAll("[data-testid=section-per-day] svg"));
    }

    [Fact]
    public void Render_ResolutionLinksGoToTheResolvedCasesInRange()
    {
        var page = Open("?from=2026-11-20&to=2026-11-25");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=resolutions] a")));
        var hrefs = page.FindAll("[data-testid=resolutions] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("cases?status=rejected&resolved_from=2026-11-20&resolved_to=2026-11-25", hrefs);
    }

    [Fact]
    public void Render_FromAfterTo_IsSwappedAndExplained()
    {
        var page = Open("?from=2026-11-25&to=2026-11-20");

        page.WaitForAssertion(() => Assert.Contains("swapped", page.Find("[data-testid=notice]").TextContent));
        Assert.Contains("2026-11-20 to 2026-11-25", page.Markup);
    }

    [Fact]
    public void Render_BadDateAndUnknownTemplate_AreExplainedNotCrashed()
    {
        var page = Open("?from=yesterday&template=NOPE");

        page.WaitForAssertion(() => Assert.Contains("There is no case template 'NOPE'", page.Find("[data-testid=error]").TextContent));
        Assert.Contains("'yesterday' is not a date", page.Find("[data-testid=notice]").TextContent);
    }

    [Fact]
    public void Render_CsvLinksCarryTheFilter()
    {
        var page = Open("?from=2026-11-20&to=2026-11-25");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=csv-analysts]")));
        Assert.Equal("analytics/export/analysts.csv?from=2026-11-20&to=2026-11-25", page.Find("[data-testid=csv-analysts]").GetAttribute("href"));
    }
}
