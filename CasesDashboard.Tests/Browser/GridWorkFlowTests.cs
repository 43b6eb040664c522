using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static CasesDashboard.Tests.Browser.BrowserSteps;

namespace CasesDashboard.Tests.Browser;

/// <summary>The grid as a lead works it: ticking rows for a bulk action, the keyboard, and changes made by others arriving live.</summary>
public sealed class GridWorkFlowTests(BrowserAppFactory app) : BrowserTest(app)
{
    private async Task<IPage> OpenAllCasesAsync(string email = "lead@example.com")
    {
        var page = await SignInAsync(App, email, new() { ViewportSize = new() { Width = 1280, Height = 720 } });
        await page.ClickAsync("a.mud-nav-link:has-text('All cases')");
        await page.WaitForSelectorAsync("h1:text-is('Cases')");
        await page.WaitForSelectorAsync("[data-testid=case-grid] tbody tr[data-case-id]");
        return page;
    }

    private static async Task<T> OrScreenshotAsync<T>(IPage page, string name, Func<Task<T>> steps)
    {
        try { return await steps(); }
        catch (Exception e)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"{name}-failure.png") });
            throw new InvalidOperationException($"{e.Message} (the page was at {page.Url})", e);
        }
    }

    [Fact]
    public async Task Lead_TicksTwoRowsAndAssignsThemToThemselves_TheReportSaysTwoChanged()
    {
        var page = await OpenAllCasesAsync();
        var summary = await OrScreenshotAsync(page, "bulk-assign", async () =>
        {
            await page.ClickAsync("[data-testid=pick] >> nth=0");
            await page.ClickAsync("[data-testid=pick] >> nth=1");
            await page.WaitForSelectorAsync("[data-testid=bulk-count]:has-text('2 selected')");
            await RepeatUntilAsync(page, () => page.ClickAsync("[data-testid=bulk-assign] button"), ".mud-popover-open .mud-menu-item");
            await page.ClickAsync(".mud-popover-open .mud-menu-item:has-text('Assign to me')");
            return await page.InnerTextAsync("[data-testid=bulk-summary]");
        });

        Assert.StartsWith("Assign to me: 2 changed", summary);
    }

    [Fact]
    public async Task Keyboard_TypingInTheSearchBox_FiresNoShortcutButOutsideJMovesTheCursor()
    {
        var page = await OpenAllCasesAsync("analyst@example.com");
        await OrScreenshotAsync(page, "grid-keys", async () =>
        {
            await page.Locator("input[data-testid=search]").PressSequentiallyAsync("jj?");
            Assert.Equal(0, await page.Locator("[data-testid=case-grid] tr.cursor").CountAsync());
            Assert.Equal(0, await page.Locator("[data-testid=shortcut-help]").CountAsync());

            await page.Locator("h1").ClickAsync();
            await page.Keyboard.PressAsync("j");
            await page.WaitForSelectorAsync("[data-testid=case-grid] tbody tr.cursor");
            await page.Keyboard.PressAsync("?");
            await page.WaitForSelectorAsync("[data-testid=shortcut-help]:has-text('Next row')");
            return true;
        });
    }

    [Fact]
    public async Task Live_AnotherUserAssignsACaseOnThePage_TheRowShowsItWithoutAReload()
    {
        var page = await OpenAllCasesAsync();
        var first = await page.GetAttributeAsync("[data-testid=case-grid] tbody tr[data-case-id] >> nth=0", "data-case-id");
        var cases = App.Services.GetRequiredService<CaseService>();
        var users = await App.Services.GetRequiredService<UserDirectory>().AllAsync();
        var lead = users.First(u => u.Email == "lead@example.com");
        var analyst = users.First(u => u.Email == "analyst@example.com");

        await cases.AssignAsync(first!, analyst.Id, null, Actor.User(lead.Id, lead.DisplayName, Roles.Lead));

        await OrScreenshotAsync(page, "grid-live", () =>
            page.WaitForSelectorAsync($"tr[data-case-id='{first}'] td[data-column=assignee]:has-text('{analyst.DisplayName}')"));
    }

    [Fact]
    public async Task Export_ClickedOnTheGrid_DownloadsTheCsvAndSaysHowManyCasesItHeld()
    {
        var page = await OpenAllCasesAsync("viewer@example.com");
        var (download, done) = await OrScreenshotAsync(page, "grid-export", async () =>
        {
            var file = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export]"));
            return (file, await (await page.WaitForSelectorAsync("[data-testid=export-done]"))!.InnerTextAsync());
        });

        var lines = (await File.ReadAllLinesAsync((await download.PathAsync())!)).Length - 1;
        Assert.Equal($"Exported {lines} cases", done);
        Assert.Matches(@"^cases-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
    }

    [Fact]
    public async Task Keyboard_EnterOnTheGridThenEscOnTheCase_ReturnsToTheSameFilter()
    {
        var page = await OpenAllCasesAsync("analyst@example.com");
        await OrScreenshotAsync(page, "grid-keys-back", async () =>
        {
            await ChooseAsync(page, ".filter-bar .filter-field:has-text('Priority')", "High");
            await AtAsync(page, @"/cases\?priority=high$");
            await page.Locator("h1").ClickAsync();
            await page.Keyboard.PressAsync("j");
            await page.WaitForSelectorAsync("[data-testid=case-grid] tbody tr.cursor");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForSelectorAsync("[data-testid=case-name]");
            await page.Locator("h1").ClickAsync();
            await page.Keyboard.PressAsync("Escape");
            await AtAsync(page, @"/cases\?priority=high$");
            return true;
        });
    }
}
