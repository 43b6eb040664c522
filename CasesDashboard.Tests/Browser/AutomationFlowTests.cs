using CasesDashboard.Features.Automations;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static CasesDashboard.Tests.Browser.BrowserSteps;

namespace CasesDashboard.Tests.Browser;

/// <summary>
/// An admin writes a rule in the browser (case created on DOR, priority is high → add a tag), saves it switched off, switches it
/// on in the list; then a high-priority case gets the tag on its page within seconds, and a normal one does not. The tag is
/// only ever written by the rule: the cases are created without tags, so the wait fails if the rule is not saved, not enabled
/// or not run, and the normal case fails it if the condition is not applied.
/// </summary>
public sealed class AutomationFlowTests(BrowserAppFactory app) : BrowserTest(app)
{
    private const string RuleName = "Tag high-priority onboarding";
    private const string Tag = "vip-route";

    [Fact]
    public async Task Admin_CreatesAndEnablesRuleInTheBrowser_NewCaseIsTaggedByIt()
    {
        var page = await SignInAsync(App, "admin@example.com");
        try
        {
            await page.GotoAsync($"{App.BaseUrl}/admin/automations");
            await page.WaitForSelectorAsync("[data-testid=live]");
            await page.ClickAsync("[data-testid=new-rule]");
            await AtAsync(page, "/admin/automations/new$");
            await page.WaitForSelectorAsync("[data-testid=live]");

            await page.FillAsync("input[data-testid=rule-name]", RuleName);
            await ChooseAsync(page, "[data-testid=trigger-template]", "Driver onboarding review");
            await RepeatUntilAsync(page, () => page.ClickAsync("[data-testid=conditions] [data-testid=add-condition]"), "[data-testid=conditions] .condition-leaf");
            await ChooseAsync(page, "[data-testid=conditions] .condition-leaf", "Priority");
            await ChooseAsync(page, "[data-testid=conditions] .condition-leaf .condition-value-control", "high");
            await page.FillAsync("input[data-testid=action-tag]", Tag);
            await page.Locator("input[data-testid=rule-enabled]").SetCheckedAsync(false, new() { Force = true });
            await page.ClickAsync("[data-testid=save-rule]");
            await AtAsync(page, "/admin/automations/rul_[^/]+$");

            var rules = App.Services.GetRequiredService<AutomationService>();
            var rule = (await rules.ListAsync()).Single(r => r.Name == RuleName);
            Assert.False(rule.Enabled);
            Assert.Equal("""{"and":[{"attribute":"priority","operator":"eq","value":"high"}]}""", rule.Definition.Condition!.ToJsonString());

            await page.GotoAsync($"{App.BaseUrl}/admin/automations");
            await page.WaitForSelectorAsync("[data-testid=live]");
            await page.Locator($"tr[data-rule-id={rule.Id}] input[data-testid=enabled]").SetCheckedAsync(true, new() { Force = true });
            await WaitUntilAsync(async () => (await rules.GetAsync(rule.Id)).Enabled, "the rule to be enabled");

            var lead = (await App.Services.GetRequiredService<UserDirectory>().FindByEmailAsync("lead@example.com"))!;
            var asLead = Actor.User(lead.Id, lead.DisplayName, Roles.Lead);
            var cases = App.Services.GetRequiredService<CaseService>();
            var normal = await cases.CreateAsync(new NewCase("DOR") { Priority = CasePriority.Normal }, asLead);
            var high = await cases.CreateAsync(new NewCase("DOR") { Priority = CasePriority.High }, asLead);

            await page.GotoAsync($"{App.BaseUrl}/cases/{high}");
            await page.WaitForSelectorAsync("[data-testid=live]");
            await page.WaitForSelectorAsync($"[data-testid=tags]:has-text('{Tag}')", new() { Timeout = 10_000 });

            // The engine reads the log in order: the normal case, created first, was evaluated before the high one ran.
            var query = App.Services.GetRequiredService<CaseQuery>();
            Assert.DoesNotContain(Tag, (await query.GetAsync(normal, asLead)).Tags);
            Assert.Contains(await rules.RunsAsync(ruleId: rule.Id, caseId: normal), r => r.Outcome == RunOutcome.NotMatched);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "automation-flow.png") });
            throw;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail($"Waited 10 s for {what}.");
    }
}
