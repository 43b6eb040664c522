using Bunit;
using CasesDashboard.Features.Analytics;
using CasesDashboard.Features.Analytics.Components;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Queues;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static CasesDashboard.Tests.TestInfrastructure.TestQueues;

namespace CasesDashboard.Tests.Analytics;

/// <summary>The dashboard's queue and resolution pickers write the URL, and the figures follow it; the queue forecast table.</summary>
public sealed class AnalyticsPickerTests : IAsyncLifetime
{
    private ComponentHarness h = default!;
    private TestStore S => h.Store;
    private QueueInfo urgent = default!;

    public async Task InitializeAsync()
    {
        h = (await ComponentHarness.CreateAsync()).Use<AnalyticsService>();
        urgent = await S.CreateAsync("Urgent desk", Where("priority", "eq", "urgent"), [S.Analyst]);
        await S.CreateAsync("Review", Where("template", "eq", TestTemplates.Key), [S.Analyst]);
        await S.NewCaseAsync();
        await S.NewCaseAsync();
        await S.NewCaseAsync(request: new NewCase(TestTemplates.Key) { Priority = CasePriority.Urgent });
        h.SignIn(S.Lead);
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    private static string Count(IRenderedComponent<AnalyticsPage> page, string label) =>
        page.FindAll("[data-testid=count]").Single(c => c.QuerySelector(".mud-typography-caption")!.TextContent == label).QuerySelector("a")!.TextContent.Trim();

    [Fact]
    public void PickQueue_Applied_PutsItInTheUrlAndTheFiguresFollow()
    {
        var nav = h.Ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("analytics");
        var page = h.Render<AnalyticsPage>();
        page.WaitForAssertion(() => Assert.Equal("3", Count(page, "Created in range")));

        h.Choose(page.Find("[data-testid=analytics-filter]"), "Urgent desk", nth: 1);
        page.Find("[data-testid=apply]").Click();

        page.WaitForAssertion(() => Assert.Contains($"queue={urgent.Id}", nav.Uri));
        page.WaitForAssertion(() => Assert.Equal("1", Count(page, "Created in range")));
    }

    [Fact]
    public void PickResolution_Applied_PutsItInTheUrl()
    {
        var nav = h.Ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("analytics");
        var page = h.Render<AnalyticsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=count]")));

        h.Choose(page.Find("[data-testid=analytics-filter]"), "Rejected", nth: 3);
        page.Find("[data-testid=apply]").Click();

        page.WaitForAssertion(() => Assert.Contains("resolution=rejected", nav.Uri));
    }

    [Fact]
    public void Render_UrlWithQueue_SelectsItAndShowsOnlyItsForecast()
    {
        h.Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"analytics?queue={urgent.Id}");

        var page = h.Render<AnalyticsPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=queue-forecast] tr[data-queue-id]")));
        Assert.Equal(["Urgent desk", "1", "0 / day", "never empty at this rate", "1"],
            page.FindAll("[data-testid=queue-forecast] tr[data-queue-id] td").Select(td => td.TextContent.Trim()));
        Assert.Contains("Urgent desk", page.Find("[data-testid=analytics-filter]").InnerHtml);
    }
}
