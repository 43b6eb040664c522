using Bunit;
using CasesDashboard.Components.Layout;
using CasesDashboard.Features.Security;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Layout;

/// <summary>The navigation highlights the view the reader is on, and only that one.</summary>
public sealed class NavMenuTests : IAsyncLifetime
{
    private ComponentHarness h = default!;

    public async Task InitializeAsync()
    {
        h = await ComponentHarness.CreateAsync();
        h.SignIn(h.Store.Lead);
        h.Ctx.AddAuthorization().SetPolicies(Policies.WorkCases, Policies.LeadCases);
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    [Theory]
    [InlineData("cases?assignee=me&open=true", "My cases")]
    [InlineData("cases?assignee=me", "My cases")]
    [InlineData("cases?assignee=none&open=true", "Unassigned")]
    [InlineData("cases", "All cases")]
    [InlineData("cases?status=open&sort=sla", "All cases")]
    [InlineData("admin/templates", "Templates")]
    [InlineData("admin/templates/DOR", "Templates")]
    [InlineData("queues", "Queues")]
    [InlineData("queues/cq_123", "Queues")]
    public void Render_AtAView_HighlightsThatViewOnly(string url, string expected)
    {
        h.Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(url);

        var menu = h.Render<NavMenu>();

        Assert.Equal([expected], menu.FindAll("a.mud-nav-link.active").Select(a => a.TextContent.Trim()));
    }

    [Theory]
    [InlineData("admin/queues")]
    [InlineData("admin/queues/cq_123")]
    public void Render_AdminAtQueueSetup_HighlightsQueueSetupOnly(string url)
    {
        h.Ctx.AddAuthorization().SetPolicies(Policies.WorkCases, Policies.LeadCases, Policies.Administer);
        h.Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(url);

        var menu = h.Render<NavMenu>();

        Assert.Equal(["Queue setup"], menu.FindAll("a.mud-nav-link.active").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public void Render_AdminAtSlaPolicies_HighlightsSlaPoliciesOnly()
    {
        h.Ctx.AddAuthorization().SetPolicies(Policies.WorkCases, Policies.LeadCases, Policies.Administer);
        h.Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("admin/sla");

        var menu = h.Render<NavMenu>();

        Assert.Equal(["SLA policies"], menu.FindAll("a.mud-nav-link.active").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public void Render_OnACasePage_HighlightsNothing()
    {
        h.Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("cases/case_123");

        Assert.Empty(h.Render<NavMenu>().FindAll("a.mud-nav-link.active"));
    }

    [Fact]
    public void Navigate_FromMyCasesToAllCases_MovesTheHighlight()
    {
        var nav = h.Ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("cases?assignee=me&open=true");
        var menu = h.Render<NavMenu>();

        nav.NavigateTo("cases");

        menu.WaitForAssertion(() => Assert.Equal(["All cases"], menu.FindAll("a.mud-nav-link.active").Select(a => a.TextContent.Trim())));
    }
}
