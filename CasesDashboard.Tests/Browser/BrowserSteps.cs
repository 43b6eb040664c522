using Microsoft.Playwright;

namespace CasesDashboard.Tests.Browser;

/// <summary>Steps the browser tests share: signing in, and picking an option of a MudSelect.</summary>
public static class BrowserSteps
{
    /// <summary>A fresh browser context signed in as this demo user, on the live (interactive) landing page.</summary>
    public static async Task<IPage> SignInAsync(BrowserAppFactory app, string email, BrowserNewContextOptions? options = null)
    {
        var page = await app.NewPageAsync(options);
        await page.GotoAsync(app.BaseUrl + "/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", BrowserAppFactory.DemoPassword);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("[data-testid=live]");
        return page;
    }

    /// <summary>
    /// Waits until the page's address matches <paramref name="pattern"/> (a regular expression), by polling it. Playwright's
    /// WaitForURLAsync checks the address and then waits for a navigation event; a client-side navigation (Blazor's pushState)
    /// landing between the two is missed and it times out on a page that is already there.
    /// </summary>
    public static Task AtAsync(IPage page, string pattern) =>
        Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(pattern), new() { Timeout = 20_000 });

    /// <summary>
    /// Opens the (first) MudSelect inside the first match of <paramref name="container"/> and picks the option with this text, then waits until the
    /// select shows it. On a loaded machine a click can land while the popover's items are being re-rendered and be
    /// lost; the pick is then made again (the test still fails if the select never takes the value).
    /// </summary>
    public static async Task ChooseAsync(IPage page, string container, string option)
    {
        const int attempts = 3;
        var select = page.Locator(container).First.Locator(".mud-select").First;
        for (var attempt = 1; ; attempt++)
        {
            await select.Locator(".mud-input-control").ClickAsync();
            await page.ClickAsync($".mud-popover-open .mud-list-item:has-text('{option}')");
            await page.WaitForSelectorAsync(".mud-popover-open", new() { State = WaitForSelectorState.Detached });
            var shown = (await select.Locator("[role=combobox]").InnerTextAsync()).Trim();
            if (shown == option) return;
            if (attempt == attempts) Assert.Fail($"The select in {container} shows '{shown}' after choosing '{option}' {attempts} times.");
        }
    }

    /// <summary>Clicks a MudTabs header and waits until that tab is the active one (again, if a click was lost).</summary>
    public static Task OpenTabAsync(IPage page, string title) =>
        RepeatUntilAsync(page, () => page.ClickAsync($".mud-tab:has-text('{title}')"), $".mud-tab-active:has-text('{title}')");

    /// <summary>
    /// Does <paramref name="step"/> until <paramref name="shows"/> appears: on a loaded machine a click or a drag can end
    /// before the page saw it, and nothing happened then. Three tries; the last one's timeout fails the test.
    /// </summary>
    public static async Task RepeatUntilAsync(IPage page, Func<Task> step, string shows)
    {
        for (var attempt = 1; ; attempt++)
        {
            await step();
            try
            {
                await page.WaitForSelectorAsync(shows, new() { Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3) { }
        }
    }
}
