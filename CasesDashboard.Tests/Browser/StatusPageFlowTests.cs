namespace CasesDashboard.Tests.Browser;

/// <summary>The not-found and access-denied pages in a real browser: opened by address, and reached inside a live page.</summary>
public sealed class StatusPageFlowTests(BrowserAppFactory app) : BrowserTest(app)
{
    [Fact]
    public async Task UnknownCase_OpenedByAddressAndFromALivePage_ShowsNotFound()
    {
        var page = await BrowserSteps.SignInAsync(App, "viewer@example.com");

        var response = await page.GotoAsync(App.BaseUrl + "/cases/case_doesnotexist");
        Assert.Equal(404, response!.Status);
        Assert.Equal("Not found", await page.InnerTextAsync("h1"));

        await page.GotoAsync(App.BaseUrl + "/cases");
        await page.WaitForSelectorAsync("[data-testid=live]");
        await page.EvaluateAsync("() => Blazor.navigateTo('/cases/case_stilldoesnotexist')");
        await page.WaitForSelectorAsync("h1:text-is('Not found')");
    }

    [Fact]
    public async Task AdminPage_ViewerFollowsALinkInALivePage_ShowsAccessDenied()
    {
        var page = await BrowserSteps.SignInAsync(App, "viewer@example.com");

        await page.EvaluateAsync("() => Blazor.navigateTo('/admin/templates')");

        await page.WaitForSelectorAsync("h1:text-is('Access denied')");
    }
}
