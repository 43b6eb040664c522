using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static CasesDashboard.Tests.Browser.BrowserSteps;

namespace CasesDashboard.Tests.Browser;

/// <summary>The app with the SLA monitor sweeping every second (30 s by default), so a breach is recorded while a test waits.</summary>
public sealed class FastSlaBrowserAppFactory : BrowserAppFactory
{
    protected override Dictionary<string, string?> Settings => new(base.Settings) { ["Sla:MonitorPeriod"] = "00:00:01" };
}

/// <summary>A case of Sam's runs out of time: the monitor records the breach, Sam's inbox shows it without a reload, the lead's dashboard counts it.</summary>
public sealed class SlaBreachFlowTests(FastSlaBrowserAppFactory app) : BrowserTest<FastSlaBrowserAppFactory>(app)
{
    [Fact]
    public async Task CaseRunsOutOfTime_BreachAppearsInTheAnalystsInboxAndOnTheDashboard()
    {
        var users = App.Services.GetRequiredService<UserDirectory>();
        var sam = (await users.FindByEmailAsync("analyst@example.com"))!;
        var leadUser = (await users.FindByEmailAsync("lead@example.com"))!;
        var lead = Actor.User(leadUser.Id, leadUser.DisplayName, Roles.Lead);
        var inbox = await SignInAsync(App, "analyst@example.com");
        var dashboard = await SignInAsync(App, "lead@example.com");
        var samsBreaches = $"{App.BaseUrl}/analytics?assignee={sam.Id}";
        try
        {
            await dashboard.GotoAsync(samsBreaches);
            var before = await BreachedAsync(dashboard);
            await inbox.GotoAsync($"{App.BaseUrl}/cases");
            await inbox.WaitForSelectorAsync("[data-testid=live]");

            var cases = App.Services.GetRequiredService<CaseService>();
            var id = await cases.CreateAsync(new NewCase("DOR") { AssigneeId = sam.Id }, lead);
            var name = (await App.Services.GetRequiredService<CaseQuery>().GetAsync(id, lead)).Name;
            await cases.OverrideSlaAsync(id, DateTime.UtcNow.AddSeconds(2), "browser test: due at once", null, lead);

            await inbox.ClickAsync("[data-testid=inbox-button]");
            // Demo cases that were already overdue are recorded by the first sweeps too: look for this case's line.
            await inbox.Locator("[data-testid=inbox-item]", new() { HasTextString = $"{name} breached its SLA" }).WaitForAsync(new() { Timeout = 30_000 });

            await dashboard.GotoAsync(samsBreaches);
            Assert.Equal(before + 1, await BreachedAsync(dashboard));
        }
        catch
        {
            await inbox.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "sla-breach-inbox.png") });
            await dashboard.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "sla-breach-dashboard.png") });
            throw;
        }
    }

    private static async Task<int> BreachedAsync(IPage page)
    {
        var card = page.Locator("[data-testid=count]", new() { HasTextString = "SLA breached (open)" });
        return int.Parse((await card.Locator("a").InnerTextAsync()).Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
    }
}
