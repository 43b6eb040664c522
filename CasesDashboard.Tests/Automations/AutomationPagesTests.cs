using Bunit;
using CasesDashboard.Data;
using CasesDashboard.Features.Automations;
using CasesDashboard.Features.Automations.Components;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Automations;

/// <summary>The admin pages, clicked: list (enable, order), editor (trigger, condition tree, actions, save, problems), dry run, run page.</summary>
public sealed class AutomationPagesTests : IAsyncLifetime
{
    private TestAutomations a = default!;
    private ComponentHarness h = default!;
    private TestStore S => a.Store;

    public async Task InitializeAsync()
    {
        a = await TestAutomations.OnAsync(StoreProvider.Sqlite);
        h = ComponentHarness.Over(S).Use<AutomationService>().Use<AutomationDryRun>().Use<RuleImporter>();
        h.SignIn(S.Admin);
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    private Task<string> TagRuleAsync(string name) =>
        a.RuleAsync(name, """{"trigger": {"type": "case_created"}, "actions": [{"type": "add_tag", "tag": "t"}]}""");

    [Fact]
    public async Task List_SwitchOff_DisablesTheRule()
    {
        var id = await TagRuleAsync("Tagger");
        var page = h.Render<AutomationsPage>();

        page.Find($"tr[data-rule-id={id}] input[data-testid=enabled]").Change(false);

        page.WaitForAssertion(() => Assert.False(a.Service.GetAsync(id).Result.Enabled));
    }

    [Fact]
    public async Task List_MoveUp_ChangesTheOrder()
    {
        await TagRuleAsync("First");
        await TagRuleAsync("Second");
        var page = h.Render<AutomationsPage>();

        page.Find("button[aria-label='Move Second up']").Click();

        page.WaitForAssertion(() => Assert.Equal(["Second", "First"], page.FindAll("[data-rule-id] a.case-link").Select(x => x.TextContent)));
    }

    [Fact]
    public void Editor_NewRule_FilledAndSaved_IsCreatedAndOpened()
    {
        var nav = h.Ctx.Services.GetRequiredService<NavigationManager>();
        var page = h.Render<AutomationEditorPage>(p => p.Add(x => x.Id, "new"));

        page.Find("input[data-testid=rule-name]").Input("Tag every case");
        page.Find("input[data-testid=action-tag]").Change("auto");
        page.Find("[data-testid=save-rule]").Click();

        page.WaitForAssertion(() => Assert.Contains("/admin/automations/rul_", nav.Uri));
        var rule = Assert.Single(a.Service.ListAsync().Result);
        Assert.Equal("Tag every case", rule.Name);
        Assert.Equal("auto", Assert.Single(rule.Definition.Actions).Tag);
    }

    [Fact]
    public void Editor_BadInput_ShowsTheProblemNextToTheAction()
    {
        var page = h.Render<AutomationEditorPage>(p => p.Add(x => x.Id, "new"));

        page.Find("input[data-testid=rule-name]").Input("Bad");
        page.Find("input[data-testid=action-tag]").Change("bad!tag");
        page.Find("[data-testid=save-rule]").Click();

        page.WaitForAssertion(() => Assert.Contains("A tag is", page.Find("[data-action-index='0'] [data-testid=action-problem]").TextContent));
        Assert.Empty(a.Service.ListAsync().Result);
    }

    [Fact]
    public async Task ConditionTree_AddConditionAndSave_StoresTheCondition()
    {
        var id = await TagRuleAsync("Tagger");
        var page = h.Render<AutomationEditorPage>(p => p.Add(x => x.Id, id));

        page.Find("[data-testid=conditions] [data-testid=add-condition]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=conditions] .condition-leaf")));
        h.Choose(page.Find("[data-testid=conditions] .condition-leaf"), "TST", nth: 2);
        page.Find("[data-testid=save-rule]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, a.Service.GetAsync(id).Result.Version));
        var condition = (await a.Service.GetAsync(id)).Definition.Condition!.ToJsonString();
        Assert.Contains("\"attribute\":\"template\"", condition);
        Assert.Contains("\"value\":\"TST\"", condition);
    }

    [Fact]
    public async Task DryRun_ShowsTheCasesAndChanges_WithoutSaving()
    {
        var caseId = await S.NewCaseAsync();
        var id = await TagRuleAsync("Tagger");
        var page = h.Render<AutomationEditorPage>(p => p.Add(x => x.Id, id));

        page.Find("[data-testid=dry-run]").Click();

        page.WaitForAssertion(() => Assert.Contains("tag + t", page.Find($"[data-dry-run-item={caseId}]").TextContent));
        Assert.Empty((await S.Query.GetAsync(caseId, S.Admin)).Tags);
    }

    [Fact]
    public async Task RunPage_ShowsTheRunWithItsError()
    {
        await a.RuleAsync("Bad", """{"trigger": {"type": "case_created"}, "actions": [{"type": "set_status", "status": "approved"}]}""");
        await S.NewCaseAsync();
        await a.RunAsync();
        var run = Assert.Single(await a.RunsAsync());

        var page = h.Render<AutomationRunPage>(p => p.Add(x => x.Id, run.PublicId));

        page.WaitForAssertion(() => Assert.Equal("failed", page.Find("[data-testid=run-outcome]").TextContent));
        Assert.Contains("set_status", page.Find("[data-testid=run-error]").TextContent);
    }
}
