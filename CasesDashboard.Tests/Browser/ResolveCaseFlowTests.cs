using static CasesDashboard.Tests.Browser.BrowserSteps;

namespace CasesDashboard.Tests.Browser;

/// <summary>The key flow in a real browser: sign in, open a case from the list, fill what is required, resolve, see it on the timeline.</summary>
public sealed class ResolveCaseFlowTests(BrowserAppFactory app) : BrowserTest(app)
{
    [Fact]
    public async Task Analyst_ResolvesADriverOnboardingCase_ResolutionIsOnTheTimeline()
    {
        var page = await App.NewPageAsync();
        try
        {
            await page.GotoAsync(App.BaseUrl + "/");
            await page.FillAsync("#Input\\.Email", "analyst@example.com");
            await page.FillAsync("#Input\\.Password", BrowserAppFactory.DemoPassword);
            await page.ClickAsync("#sign-in");

            await page.WaitForSelectorAsync("[data-testid=live]");
            Assert.Contains("My cases", await page.InnerTextAsync("h1"));
            await page.ClickAsync("a.case-link:text-is('DOR-2')");

            await page.WaitForSelectorAsync("[data-testid=case-name]:text-is('DOR-2')");
            await page.WaitForSelectorAsync("[data-testid=live]");
            await ChooseAsync(page, "[data-field-editor=background_check]", "Clear");
            await page.ClickAsync("[data-field-editor=insurance_verified] input[type=checkbox]");
            await ChooseAsync(page, "[data-field-editor=decision_reason]", "All checks passed");

            await page.ClickAsync("[data-action=approve]");
            await page.FillAsync("textarea[data-testid=action-comment]", "Licence, insurance and background check all verified.");
            await page.ClickAsync("[data-testid=action-submit]");

            await page.WaitForSelectorAsync("[data-testid=resolution]:has-text('Resolved as Approved by Sam Carter')");
            await OpenTabAsync(page, "Activity");
            var timeline = await page.InnerTextAsync("[data-testid=timeline]");
            Assert.Contains("Resolved as Approved", timeline);
            Assert.Contains("Decision reason: empty → All checks passed", timeline);
            Assert.Contains("Insurance verified: empty → Yes", timeline);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "resolve-case-failure.png"), FullPage = true });
            throw;
        }
    }
}
