using Microsoft.Playwright;
using static CasesDashboard.Tests.Browser.BrowserSteps;

namespace CasesDashboard.Tests.Browser;

/// <summary>The grid on a laptop screen (1280×720) as an analyst: dense, one line per row, and in the system's theme.</summary>
public sealed class CaseGridLayoutTests(BrowserAppFactory app) : BrowserTest(app)
{
    private static readonly BrowserNewContextOptions Laptop = new() { ViewportSize = new() { Width = 1280, Height = 720 } };

    private async Task<IPage> OpenAllCasesAsync(BrowserNewContextOptions options)
    {
        var page = await SignInAsync(App, "analyst@example.com", options);
        await page.ClickAsync("a.mud-nav-link:has-text('All cases')");
        await page.WaitForSelectorAsync("h1:text-is('Cases')");
        await page.WaitForSelectorAsync("[data-testid=case-grid] tbody tr[data-case-id]");
        return page;
    }

    [Fact]
    public async Task AllCases_At1280x720_ShowsAtLeast15WholeRowsOfOneLineEach()
    {
        var page = await OpenAllCasesAsync(Laptop);
        try
        {
            var layout = await page.EvaluateAsync<GridLayout>("""
                () => {
                    const rows = [...document.querySelectorAll('[data-testid=case-grid] tbody tr[data-case-id]')];
                    // The line boxes a text runs over: fragments on one line (an ellipsis splits a text in two) share their top.
                    const lines = node => { const r = document.createRange(); r.selectNodeContents(node); return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; };
                    const wrapped = [];
                    for (const cell of document.querySelectorAll('[data-testid=case-grid] td, [data-testid=case-grid] th')) {
                        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                        for (let n = walker.nextNode(); n; n = walker.nextNode())
                            if (n.textContent.trim() && lines(n) > 1) wrapped.push(n.textContent.trim());
                    }
                    return {
                        wholeRowsInView: rows.filter(r => { const b = r.getBoundingClientRect(); return b.top >= 0 && b.bottom <= window.innerHeight; }).length,
                        rowHeights: [...new Set(rows.map(r => Math.round(r.getBoundingClientRect().height)))],
                        wrapped,
                        gridOverflows: document.querySelector('[data-testid=case-grid] table').scrollWidth > document.querySelector('[data-testid=case-grid]').clientWidth,
                    };
                }
                """);

            Assert.True(layout.WholeRowsInView >= 15, $"{layout.WholeRowsInView} whole rows in view");
            Assert.Empty(layout.Wrapped);
            Assert.Single(layout.RowHeights);
            Assert.False(layout.GridOverflows, "the grid is wider than the page");
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "case-grid-layout-failure.png") });
            throw;
        }
    }

    [Fact]
    public async Task AllCases_SystemInDarkMode_OpensDarkAndStaysDarkOnTheNextVisit()
    {
        var page = await OpenAllCasesAsync(new() { ViewportSize = Laptop.ViewportSize, ColorScheme = ColorScheme.Dark });
        await page.WaitForFunctionAsync("() => getComputedStyle(document.querySelector('.mud-main-content')).backgroundColor !== 'rgb(255, 255, 255)'");

        // The next visit's first (prerendered) response already has the dark palette: the cookie remembered what the system said.
        var html = await (await page.Context.APIRequest.GetAsync(App.BaseUrl + "/cases")).TextAsync();

        Assert.Contains("--mud-palette-appbar-background: rgba(21,28,46,1)", html);
    }

    private sealed class GridLayout
    {
        public int WholeRowsInView { get; set; }
        public int[] RowHeights { get; set; } = [];
        public string[] Wrapped { get; set; } = [];
        public bool GridOverflows { get; set; }
    }
}
