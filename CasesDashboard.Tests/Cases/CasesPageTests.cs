using Bunit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Cases.Components;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Cases;

/// <summary>The case grid: rows from the URL's filters, links to case pages, filter changes written back to the URL.</summary>
public sealed class CasesPageTests : IAsyncLifetime
{
    private ComponentHarness h = default!;
    private TestStore S => h.Store;

    public async Task InitializeAsync()
    {
        h = await ComponentHarness.CreateAsync();
        await S.NewCaseAsync(S.Analyst);
        await S.NewCaseAsync();
        await S.NewCaseAsync(S.OtherAnalyst);
        h.SignIn(S.Analyst);
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    [Fact]
    public void Render_AssigneeMeInUrl_ShowsMyCasesWithLinks()
    {
        h.Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("cases?assignee=me");

        var page = h.Render<CasesPage>();

        Assert.Contains("My cases", page.Find("h1").TextContent);
        var link = page.Find("[data-testid=case-grid] a.case-link");
        Assert.Equal("TST-1", link.TextContent);
        Assert.StartsWith("cases/case_", link.GetAttribute("href"));
        Assert.Single(page.FindAll("[data-case-id]"));
    }

    [Fact]
    public void Render_NoFilter_ShowsAllWithTotal()
    {
        var page = h.Render<CasesPage>();

        Assert.Equal(3, page.FindAll("[data-case-id]").Count);
        Assert.Contains("3 cases", page.Markup);
    }

    [Fact]
    public void Search_EnterInTheSearchBox_PutsTheTextInTheUrl()
    {
        var nav = h.Ctx.Services.GetRequiredService<NavigationManager>();
        var page = h.Render<CasesPage>();

        var box = page.Find("input[data-testid=search]");
        box.Input("TST-2");
        box.KeyDown("Enter");

        Assert.EndsWith("cases?q=TST-2", nav.Uri);
    }

    [Fact]
    public void Sort_ClickingAHeader_WritesSortAndDirectionToTheUrl()
    {
        var nav = h.Ctx.Services.GetRequiredService<NavigationManager>();
        var page = h.Render<CasesPage>();

        page.FindAll("th button").First(b => b.TextContent.Contains("SLA")).Click();

        Assert.EndsWith("cases?sort=sla", nav.Uri);
    }

    [Fact]
    public void Render_OutOfRangeDateInUrl_ShowsTheGridAndSaysWhatItUsed()
    {
        h.Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("cases?to=9999-12-31&status=nope");

        var page = h.Render<CasesPage>();

        Assert.Equal(["Created to 9999-12-31 is out of range — using 2099-12-31", "Unknown status ‘nope’ — showing all"],
            page.FindAll("[data-testid=filter-notice]").Select(n => n.TextContent.Trim()));
        Assert.Equal(3, page.FindAll("[data-case-id]").Count);
    }

    [Fact]
    public void Sort_SecondClickOnSla_SortsLeastUrgentFirst()
    {
        var nav = h.Ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("cases?sort=sla");
        var page = h.Render<CasesPage>();

        page.FindAll("th button").First(b => b.TextContent.Contains("SLA")).Click();

        Assert.EndsWith("cases?sort=sla&desc=true", nav.Uri);
    }

    [Fact]
    public void Sort_FirstClickOnUpdated_SortsNewestFirst()
    {
        var nav = h.Ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("cases?sort=sla");
        var page = h.Render<CasesPage>();

        page.FindAll("th button").First(b => b.TextContent.Contains("Updated")).Click();

        Assert.EndsWith("cases?sort=updated", nav.Uri);
    }

    [Fact]
    public void Render_Times_AreRelativeWithTheExactTimeOnHover()
    {
        S.Clock.Advance(TimeSpan.FromHours(3));

        var page = h.Render<CasesPage>();

        var created = page.Find("[data-case-id] td[data-column=created]").QuerySelector("span")!;
        Assert.Equal("3 h ago", created.TextContent);
        Assert.Equal("2026-11-24 09:00 UTC", created.GetAttribute("title"));
    }
}
