using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Queues;
using CasesDashboard.Features.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static CasesDashboard.Tests.Browser.BrowserSteps;

namespace CasesDashboard.Tests.Browser;

/// <summary>Two analysts in two browsers press Next case at once: each gets a case of their own, and each sees the other looking at it.</summary>
public sealed class QueueFlowTests(BrowserAppFactory app) : BrowserTest(app)
{
    private static readonly BrowserNewContextOptions Laptop = new() { ViewportSize = new() { Width = 1280, Height = 720 } };

    [Fact]
    public async Task TwoAnalysts_PressNextCaseTogether_GetDifferentCasesAndSeeEachOthersPresence()
    {
        var queue = (await App.Services.GetRequiredService<QueueDirectory>().AllAsync()).Single(q => q.Key == "driver-onboarding");
        var lead = (await App.Services.GetRequiredService<UserDirectory>().FindByEmailAsync("lead@example.com"))!;
        for (var i = 0; i < 2; i++)
            await App.Services.GetRequiredService<CaseService>().CreateAsync(new NewCase("DOR"), Actor.User(lead.Id, lead.DisplayName, Roles.Lead));
        var sam = await SignInAsync(App, "analyst@example.com", Laptop);
        var ana = await SignInAsync(App, "ana.silva@example.com", Laptop);
        try
        {
            foreach (var page in new[] { sam, ana })
            {
                await page.GotoAsync($"{App.BaseUrl}/queues/{queue.PublicId}");
                await page.WaitForSelectorAsync("[data-testid=live]");
            }

            await Task.WhenAll(sam.ClickAsync("[data-testid=next-case]"), ana.ClickAsync("[data-testid=next-case]"));

            await Task.WhenAll(AtAsync(sam, "/cases/case_[^/]+$"), AtAsync(ana, "/cases/case_[^/]+$"));
            Assert.NotEqual(sam.Url, ana.Url);
            await sam.WaitForSelectorAsync("[data-testid=assignee]:text-is('Sam Carter')");
            await ana.WaitForSelectorAsync("[data-testid=assignee]:text-is('Ana Silva')");

            await ana.GotoAsync(sam.Url);
            await sam.WaitForSelectorAsync("[data-testid=viewers]:has-text('Ana Silva')");
            await ana.WaitForSelectorAsync("[data-testid=viewers]:has-text('Sam Carter')");
        }
        catch
        {
            await sam.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "queue-flow-sam.png") });
            await ana.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "queue-flow-ana.png") });
            throw;
        }
    }
}
