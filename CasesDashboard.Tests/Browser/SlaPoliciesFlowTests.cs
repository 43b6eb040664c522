using Microsoft.Playwright;
using static CasesDashboard.Tests.Browser.BrowserSteps;

namespace CasesDashboard.Tests.Browser;

/// <summary>An admin opens SLA policies from the admin menu on the seeded app and edits the onboarding policy in a real browser.</summary>
public sealed class SlaPoliciesFlowTests(BrowserAppFactory app) : BrowserTest(app)
{
    private static readonly BrowserNewContextOptions Laptop = new() { ViewportSize = new() { Width = 1280, Height = 720 } };

    [Fact]
    public async Task Admin_OpensTheSeededOnboardingPolicyAndSavesAShorterTarget()
    {
        var page = await SignInAsync(App, "admin@example.com", Laptop);
        try
        {
            await page.ClickAsync("a.mud-nav-link:has-text('SLA policies')");
            var dor = "[data-template=DOR] tr[data-policy-id]:has-text('Any'):not(:has-text('High risk'))";
            await page.WaitForSelectorAsync($"{dor} [data-testid=calendar-summary]:has-text('Mon–Fri 09:00–17:00 America/New_York · 23 holidays')");

            await RepeatUntilAsync(page, () => page.ClickAsync($"{dor} [data-testid=edit-policy]"), "[data-testid=sla-editor]");
            await page.FillAsync("input[data-testid=resolution-amount]", "1");
            await page.ClickAsync("[data-testid=save-policy]");

            await page.WaitForSelectorAsync($"{dor} [data-testid=resolution]:text-is('1 business day')");
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "sla-policies-flow.png") });
            throw;
        }
    }
}
