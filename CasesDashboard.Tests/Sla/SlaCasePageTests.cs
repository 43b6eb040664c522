using Bunit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Cases.Components;
using CasesDashboard.Features.Sla;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Sla;

/// <summary>The case page and the grid show the SLA as the domain computed it: due, remaining, paused, set by hand.</summary>
public sealed class SlaCasePageTests : IAsyncLifetime
{
    private ComponentHarness h = default!;
    private TestStore S => h.Store;
    private string id = "";

    public async Task InitializeAsync()
    {
        h = await ComponentHarness.CreateAsync();
        await S.Services.GetRequiredService<SlaPolicyService>().SaveAsync(null,
            new SlaPolicyInput(TestTemplates.Key, new SlaTarget(10, SlaUnit.Hours), PauseStatuses: ["working"]), null, S.Admin);
        id = await S.NewCaseAsync(S.Analyst);
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    private IRenderedComponent<CasePage> Open(Features.Security.Actor actor)
    {
        h.SignIn(actor);
        return h.Render<CasePage>(p => p.Add(x => x.Id, id));
    }

    [Fact]
    public void CasePage_RunningClock_ShowsTheDueTimeAndWhatIsLeft()
    {
        var summary = Open(S.Analyst).Find("[data-testid=sla-summary]");

        Assert.Equal("2026-11-24 19:00 UTC", summary.QuerySelector("[data-testid=sla-due]")!.TextContent);
        Assert.Contains("Due in 10 h", summary.TextContent);
    }

    [Fact]
    public async Task CasePage_PausedClock_ShowsPausedWithWorkingTimeLeftAndPausedTime()
    {
        S.Clock.Advance(TimeSpan.FromHours(4));
        await S.Cases.SetStatusAsync(id, "working", null, null, S.Analyst);
        S.Clock.Advance(TimeSpan.FromHours(3));

        var page = Open(S.Analyst);

        var sla = page.Find("[data-testid=sla-summary] [data-testid=sla]");
        Assert.Equal(nameof(SlaState.Paused), sla.GetAttribute("data-sla-state"));
        Assert.Equal("Paused · 6 h left", sla.TextContent);
        Assert.Contains("paused 3 h in all", page.Find("[data-testid=sla-paused-for]").TextContent);
    }

    [Fact]
    public void CasePage_Analyst_CannotSetTheDueTime()
    {
        Assert.Empty(Open(S.Analyst).FindAll("[data-testid=sla-edit]"));
    }

    [Fact]
    public async Task CasePage_LeadSetsTheDueTime_IsSavedAndShownAsSetByHand()
    {
        var page = Open(S.Lead);
        page.Find("[data-testid=sla-edit]").Click();
        page.Find("input[data-testid=sla-due-input]").Input("2026-11-30 17:00");
        page.Find("input[data-testid=sla-reason]").Input("customer travelling");
        await page.Find("[data-testid=sla-save]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=sla-overridden]")));
        Assert.Equal(new DateTime(2026, 11, 30, 17, 0, 0, DateTimeKind.Utc), (await S.Query.GetAsync(id, S.Lead)).SlaExpiresAt);
    }

    [Fact]
    public void CasePage_LeadTypesABadTime_IsToldWhatIsWrong()
    {
        var page = Open(S.Lead);
        page.Find("[data-testid=sla-edit]").Click();
        page.Find("input[data-testid=sla-due-input]").Input("next friday");
        page.Find("input[data-testid=sla-reason]").Input("why");
        page.Find("[data-testid=sla-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("'next friday' is not a time like", page.Find("[data-testid=sla-form]").TextContent));
    }

    [Fact]
    public async Task Grid_ShowsRemainingTimeAndFlagsAtRisk()
    {
        S.Clock.Advance(TimeSpan.FromHours(7));
        h.SignIn(S.Analyst);

        var grid = h.Render<CasesPage>();

        var sla = grid.Find("[data-testid=sla]");
        Assert.Equal("Due in 3 h", sla.TextContent);
        Assert.Equal(nameof(SlaState.AtRisk), sla.GetAttribute("data-sla-state"));
        Assert.Contains("sla-at-risk", sla.ClassName);
        await Task.CompletedTask;
    }
}
