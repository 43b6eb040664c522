using Microsoft.Playwright;

namespace CasesDashboard.Tests.Browser;

/// <summary>The Content-Security-Policy is enforced in the browser, and the recording every browser test relies on sees it.</summary>
public sealed class BrowserCspTests(BrowserAppFactory app) : BrowserTest(app)
{
    [Fact]
    public async Task InlineScript_InjectedIntoAPage_IsRefusedAndRecorded()
    {
        var page = await App.NewPageAsync();
        await page.GotoAsync(App.BaseUrl + "/Account/Login");

        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.injected = true'; document.body.append(s); }");

        var violations = await WaitForViolationsAsync(page);
        Assert.Contains(violations, v => v.StartsWith("page: script-src-elem refused inline on "));
        Assert.Contains(violations, v => v.StartsWith("console: ") && v.Contains("inline script"));
        Assert.False(await page.EvaluateAsync<bool>("() => window.injected === true"));
    }

    /// <summary>
    /// The page's report and Chromium's console message arrive asynchronously; round trips to the page let both land
    /// (both are taken, so the base class does not count this deliberate violation against the test).
    /// </summary>
    private async Task<List<string>> WaitForViolationsAsync(IPage page)
    {
        var violations = new List<string>();
        for (var attempt = 0; attempt < 50 && !(violations.Any(v => v.StartsWith("page: ")) && violations.Any(v => v.StartsWith("console: "))); attempt++)
        {
            await page.EvaluateAsync("() => new Promise(r => setTimeout(r, 100))");
            violations.AddRange(App.TakeCspViolations());
        }
        return violations;
    }
}
