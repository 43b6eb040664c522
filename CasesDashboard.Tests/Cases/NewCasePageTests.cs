using Bunit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Cases.Components;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Cases;

public sealed class NewCasePageTests : IAsyncLifetime
{
    private ComponentHarness h = default!;
    public async Task InitializeAsync() => h = await ComponentHarness.CreateAsync();
    public async Task DisposeAsync() => await h.DisposeAsync();

    [Fact]
    public async Task Create_ChosenTemplate_OpensTheNewCaseAssignedToMe()
    {
        h.SignIn(h.Store.Analyst);
        var page = h.Render<NewCasePage>();

        h.Choose(page.Find("[data-testid=new-case]"), "Test review (TST)");
        page.Find("[data-testid=new-case-create]").Click();

        var nav = h.Ctx.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("cases/case_[1-9A-Za-z]{24}$", nav.Uri));
        var view = await h.Store.Query.GetAsync(nav.Uri.Split('/')[^1], h.Store.Analyst);
        Assert.Equal(("TST-1", "Sam Analyst"), (view.Name, view.AssigneeName));
    }

    [Fact]
    public async Task Create_UnknownObjectId_SaysWhichAndCreatesNothing()
    {
        h.SignIn(h.Store.Analyst);
        var page = h.Render<NewCasePage>();

        h.Choose(page.Find("[data-testid=new-case]"), "Test review (TST)");
        page.Find("input[data-testid=new-case-objects]").Change("act_nope");
        page.Find("[data-testid=new-case-create]").Click();

        page.WaitForAssertion(() => Assert.Contains("No object with id 'act_nope'.", page.Markup));
        Assert.Equal(0, (await h.Store.Query.SearchAsync(new CaseFilter(), h.Store.Admin)).Total);
    }
}
