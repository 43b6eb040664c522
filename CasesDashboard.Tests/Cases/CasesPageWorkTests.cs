using Bunit;
using CasesDashboard.Features.Cases.Components;
using CasesDashboard.Features.Views;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Cases;

/// <summary>The grid at work: ticking rows for bulk actions, saved views and columns, and changes made elsewhere arriving live.</summary>
public sealed class CasesPageWorkTests : IAsyncLifetime
{
    private ComponentHarness h = default!;
    private TestStore S => h.Store;
    private NavigationManager Nav => h.Ctx.Services.GetRequiredService<NavigationManager>();
    private SavedViewService Views => S.Services.GetRequiredService<SavedViewService>();
    private readonly List<string> ids = [];

    public async Task InitializeAsync()
    {
        h = await ComponentHarness.CreateAsync();
        for (var i = 0; i < 3; i++) ids.Add(await S.NewCaseAsync());
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    private IRenderedComponent<CasesPage> Open(Features.Security.Actor actor, string? url = null)
    {
        h.SignIn(actor);
        if (url is not null) Nav.NavigateTo(url);
        return h.Render<CasesPage>();
    }

    [Fact]
    public async Task Tick_TwoRowsThenAddATag_TagsThemAndReportsTwoChanged()
    {
        var page = Open(S.Lead);

        page.FindAll("[data-testid=pick]")[0].Change(true);
        page.FindAll("[data-testid=pick]")[1].Change(true);
        page.Find("input[data-testid=bulk-tag]").Input("checked");
        page.Find("[data-testid=bulk-add-tag]").Click();

        page.WaitForAssertion(() => Assert.Equal("Add tag checked: 2 changed.", page.Find("[data-testid=bulk-summary]").TextContent.Trim()));
        var tagged = 0;
        foreach (var id in ids) tagged += (await S.Query.GetAsync(id, S.Lead)).Tags.Contains("checked") ? 1 : 0;
        Assert.Equal(2, tagged);
    }

    [Fact]
    public void Tick_AllThatMatch_AsksToConfirmWithTheCount()
    {
        var page = Open(S.Lead);

        page.FindAll("[data-testid=pick]")[0].Change(true);
        page.Find("[data-testid=bulk-all]").Click();
        page.Find("input[data-testid=bulk-tag]").Input("all");
        page.Find("[data-testid=bulk-add-tag]").Click();

        Assert.Contains("all 3 cases that match the filter", page.Find("[data-testid=bulk-confirm]").TextContent);
    }

    [Fact]
    public void Render_Viewer_ShowsNoTickBoxes()
    {
        var page = Open(S.Viewer);

        Assert.Empty(page.FindAll("[data-testid=pick]"));
    }

    [Fact]
    public async Task Live_AnotherUserAssignsAShownCase_TheRowShowsItOnceTheBurstWindowEnds()
    {
        var page = Open(S.Lead);

        await S.Cases.AssignAsync(ids[0], S.OtherAnalyst.Id, null, S.Lead);
        S.Clock.Advance(TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Equal("Ana Other", page.Find($"tr[data-case-id='{ids[0]}'] td[data-column=assignee]").TextContent.Trim()));
    }

    [Fact]
    public async Task Live_ChangeWhileRowsAreTicked_IsCountedForARefreshInsteadOfRedrawing()
    {
        var page = Open(S.Lead);
        page.FindAll("[data-testid=pick]")[0].Change(true);

        await S.Cases.AssignAsync(ids[0], S.OtherAnalyst.Id, null, S.Lead);
        S.Clock.Advance(TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Equal("1 change — refresh", page.Find("[data-testid=pending-changes]").TextContent.Trim()));
        Assert.Equal("Unassigned", page.Find($"tr[data-case-id='{ids[0]}'] td[data-column=assignee]").TextContent.Trim());
    }

    [Fact]
    public async Task Live_RefreshOnAPageWithANotice_ShowsTheNoticeOnce()
    {
        var page = Open(S.Lead, "cases?status=nope");

        await S.Cases.AssignAsync(ids[0], S.OtherAnalyst.Id, null, S.Lead);
        S.Clock.Advance(TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Equal("Ana Other", page.Find($"tr[data-case-id='{ids[0]}'] td[data-column=assignee]").TextContent.Trim()));
        Assert.Equal(["Unknown status ‘nope’ — showing all"], page.FindAll("[data-testid=filter-notice]").Select(n => n.TextContent.Trim()));
    }

    [Fact]
    public async Task View_OpenedByUrl_ShowsItsNameFilterAndColumns()
    {
        await S.Cases.AssignAsync(ids[1], S.Analyst.Id, null, S.Lead);
        var view = await Views.CreateAsync(new ViewDraft("Sam's", $"assignee={S.Analyst.Id}", "assignee,fields.verdict", Shared: true), S.Lead);

        var page = Open(S.Analyst, $"cases?view={view.Id}");

        Assert.Equal("Sam's", page.Find("h1").TextContent);
        Assert.Equal([ids[1]], page.FindAll("[data-case-id]").Select(r => r.GetAttribute("data-case-id")));
        Assert.Equal(["Case", "Assignee", "Verdict"], page.FindAll("[data-testid=case-grid] th").Skip(1).Select(t => t.TextContent.Trim()));
    }

    [Fact]
    public async Task View_FilterChangedInTheGrid_OffersToSaveTheChange()
    {
        var view = await Views.CreateAsync(new ViewDraft("Open", "status=open", "status", Shared: false), S.Lead);

        var page = Open(S.Lead, $"cases?view={view.Id}&status=open&sort=sla");

        Assert.NotNull(page.Find("[data-testid=view-update-button]"));
    }

    [Fact]
    public async Task View_SavedFromTheGrid_KeepsItsFilterAndOpensIt()
    {
        var page = Open(S.Lead, "cases?status=open&sort=sla&cols=status,tags");

        page.Find("[data-testid=views-menu] button").Click();
        h.Popovers!.Find("[data-testid=view-save-as]").Click();
        page.WaitForElement("input[data-testid=view-name]").Input("Open by SLA");
        page.Find("[data-testid=view-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("view=", Nav.Uri));
        var saved = (await Views.ListAsync(S.Lead)).Single();
        Assert.Equal(("Open by SLA", "status=open&sort=sla", "status,tags"), (saved.Name, saved.Query, saved.Columns));
        Assert.EndsWith($"cases?view={saved.Id}", Nav.Uri);
    }

    [Fact]
    public void Columns_ChoosingAFieldColumn_WritesTheColumnsToTheUrl()
    {
        var page = Open(S.Lead);

        page.Find("[data-testid=columns-menu] button").Click();
        h.Popovers!.Find("[data-column='fields.verdict']").Click();

        page.WaitForAssertion(() => Assert.EndsWith("cases?cols=template,status,priority,assignee,sla,created,updated,tags,fields.verdict", Nav.Uri));
    }

    [Fact]
    public async Task Columns_TheQueueColumn_NamesEachCasesQueue()
    {
        var queue = await S.CreateAsync("Second look");
        await S.Cases.MoveToQueueAsync(ids[0], Features.Cases.QueueChoice.To(queue.PublicId), null, S.Lead);
        await S.Cases.MoveToQueueAsync(ids[1], Features.Cases.QueueChoice.None, null, S.Lead);

        var page = Open(S.Lead, "cases?cols=queue");

        page.WaitForAssertion(() =>
        {
            string Cell(string id) => page.Find($"tr[data-case-id='{id}'] td[data-column=queue]").TextContent.Trim();
            Assert.Equal(("Second look", "—"), (Cell(ids[0]), Cell(ids[1])));
        });
    }
}
