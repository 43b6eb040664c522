using Bunit;
using CasesDashboard.Features.Queues;
using CasesDashboard.Features.Queues.Components;
using CasesDashboard.Features.Security;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static CasesDashboard.Tests.TestInfrastructure.TestQueues;

namespace CasesDashboard.Tests.Queues;

/// <summary>/queues and /queues/{id}: the reader's queues with live counts, Next case, a queue's cases in order.</summary>
public sealed class QueuesPageTests : IAsyncLifetime
{
    private ComponentHarness h = default!;
    private TestStore S => h.Store;
    private QueueInfo queue = default!;
    private string waiting = "", taken = "";

    public async Task InitializeAsync()
    {
        h = await ComponentHarness.CreateAsync();
        queue = await S.CreateAsync("Review", Where("template", "eq", TestTemplates.Key), [S.Analyst]);
        await S.CreateAsync("Elsewhere", Where("priority", "eq", "urgent"), [S.OtherAnalyst]);
        waiting = await S.NewCaseAsync();
        taken = await S.NewCaseAsync(S.OtherAnalyst);
        h.SignIn(S.Analyst);
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    private static string Count(IRenderedComponent<QueuesPage> page, string queueId, string count) =>
        page.Find($"tr[data-queue-id={queueId}] [data-count={count}]").TextContent.Trim();

    [Fact]
    public void Render_Analyst_ShowsTheirQueuesWithCounts()
    {
        var page = h.Render<QueuesPage>();

        Assert.Equal(["Review"], page.FindAll("[data-queue-id] a.case-link").Select(a => a.TextContent));
        Assert.Equal(("2", "1"), (Count(page, queue.PublicId, "open"), Count(page, queue.PublicId, "waiting")));
    }

    [Fact]
    public void Render_ShowsEachQueuesForecast()
    {
        var page = h.Render<QueuesPage>();

        Assert.Equal("never empty at this rate · 2 will breach", page.Find($"tr[data-queue-id={queue.PublicId}] [data-testid=outlook]").TextContent.Trim());
    }

    [Fact]
    public async Task CaseCreatedElsewhere_CountsUpdateWithoutAReload()
    {
        var page = h.Render<QueuesPage>();

        await S.NewCaseAsync();
        S.Clock.Advance(TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Equal("2", Count(page, queue.PublicId, "waiting")));
        Assert.Equal(1, S.Get<QueueBoard>().Recounts);
    }

    [Fact]
    public void NextCase_Pressed_AssignsTheWaitingCaseAndOpensIt()
    {
        var nav = h.Ctx.Services.GetRequiredService<NavigationManager>();
        var page = h.Render<QueuesPage>();

        page.Find("h1 ~ * [data-testid=next-case], .mud-stack [data-testid=next-case]").Click();

        page.WaitForAssertion(() => Assert.Contains("/cases/case_", nav.Uri));
    }

    [Fact]
    public async Task NextCase_KeyN_AssignsTheWaitingCaseAndOpensIt()
    {
        var nav = h.Ctx.Services.GetRequiredService<NavigationManager>();
        var page = h.Render<QueuesPage>();
        var shortcuts = h.Ctx.Services.GetRequiredService<CasesDashboard.Components.Shortcuts.ShortcutRegistry>();

        await page.InvokeAsync(() => shortcuts.Find("n")!.Run());

        page.WaitForAssertion(() => Assert.Contains("/cases/case_", nav.Uri));
        Assert.Single(shortcuts.Active, x => x.Key == "n");
    }

    [Fact]
    public async Task NextCase_NothingWaiting_SaysSo()
    {
        await S.Get<NextCase>().ClaimAsync(S.Analyst, queue.PublicId);
        var page = h.Render<QueuesPage>();

        page.Find($"tr[data-queue-id={queue.PublicId}] [data-testid=next-case]").Click();

        page.WaitForAssertion(() => Assert.Contains(h.Ctx.Services.GetRequiredService<ISnackbar>().ShownSnackbars,
            s => s.Message == "Nothing is waiting in Review that you may work."));
    }

    [Fact]
    public void Render_AnalystInNoQueue_SaysSoAndNextCaseIsDisabledWithTheReason()
    {
        h.SignIn(Actor.User("nobody", "No Body", Roles.Analyst));

        var page = h.Render<QueuesPage>();

        Assert.NotNull(page.Find("[data-testid=no-queues]"));
        Assert.True(page.Find("[data-testid=next-case]").HasAttribute("disabled"));
        Assert.Contains("You are not a member of any queue", page.Markup);
    }

    [Fact]
    public void QueuePage_ListsTheOpenCasesInQueueOrderWithLiveCounts()
    {
        var page = h.Render<QueuePage>(p => p.Add(x => x.Id, queue.PublicId));

        Assert.Equal("Review", page.Find("[data-testid=queue-name]").TextContent);
        Assert.Equal(["1", "2"], page.FindAll("[data-testid=queue-cases] [data-case-id] td.num").Select(td => td.TextContent));
        Assert.Contains("1 waiting", page.Find("[data-count=waiting]").TextContent);
    }

    [Fact]
    public async Task QueuePage_CaseClaimedElsewhere_UpdatesCountsAndOffersToRefreshTheList()
    {
        var page = h.Render<QueuePage>(p => p.Add(x => x.Id, queue.PublicId));

        await S.Get<NextCase>().ClaimAsync(S.Lead, queue.PublicId);
        S.Clock.Advance(TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Contains("0 waiting", page.Find("[data-count=waiting]").TextContent));
        Assert.NotNull(page.Find("[data-testid=queue-changed]"));
    }

    [Fact]
    public void CasePage_NextCase_TakesTheWaitingCaseFromWhereTheAnalystIs()
    {
        var nav = h.Ctx.Services.GetRequiredService<NavigationManager>();
        var page = h.Render<Features.Cases.Components.CasePage>(p => p.Add(x => x.Id, taken));

        page.Find("[data-testid=next-case]").Click();

        page.WaitForAssertion(() => Assert.EndsWith($"/cases/{waiting}", nav.Uri));
    }

    [Fact]
    public void CasePage_ReaderWhoMayNotTakeCases_HasNoNextCaseButton()
    {
        h.SignIn(S.Viewer);

        var page = h.Render<Features.Cases.Components.CasePage>(p => p.Add(x => x.Id, taken));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=case-name]")));
        Assert.Empty(page.FindAll("[data-testid=next-case]"));
    }
}
